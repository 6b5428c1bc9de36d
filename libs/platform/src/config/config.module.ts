import { DynamicModule, Module, Provider } from '@nestjs/common';
import { ConfigNamespace } from './config-namespace';
import { Env, EnvReader } from './env-reader';

/** Parses every namespace at once, so one boot reports every bad variable. */
export function loadConfig(env: Env, namespaces: readonly ConfigNamespace<unknown>[]): Map<string, unknown> {
  const reader = new EnvReader(env);
  const values = new Map<string, unknown>();
  for (const namespace of namespaces) values.set(namespace.KEY, namespace.parse(reader));
  reader.assertValid();
  return values;
}

/**
 * Provides each namespace under its own token (`@Inject(otpConfig.KEY)`), parsed from the env the
 * process was started with — tests pass their own env, nothing reads `process.env` here.
 */
@Module({})
export class ConfigModule {
  static forRoot(env: Env, namespaces: readonly ConfigNamespace<unknown>[]): DynamicModule {
    return ConfigModule.fromValues(loadConfig(env, namespaces), namespaces);
  }

  /** For callers that validated already (and needed a value before building modules). */
  static fromValues(values: Map<string, unknown>, namespaces: readonly ConfigNamespace<unknown>[]): DynamicModule {
    const providers: Provider[] = namespaces.map((namespace) => ({
      provide: namespace.KEY,
      useValue: values.get(namespace.KEY),
    }));
    return { module: ConfigModule, global: true, providers, exports: providers };
  }
}
