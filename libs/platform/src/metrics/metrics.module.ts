import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

/** Global like a logger: any module may count things, and only the app exposes them. */
@Global()
@Module({ providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }], exports: [MetricsRegistry] })
export class MetricsModule {}
