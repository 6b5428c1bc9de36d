import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule, AuthModule, ConfigModule, DatabaseModule, Env, EventsModule, httpConfig, HttpConfig, loadConfig, MetricsModule } from '@phonetrust/platform';
import { DisplayModule } from '@phonetrust/display';
import { ReportingModule } from '@phonetrust/reporting';
import { ReviewModule } from '@phonetrust/review';
import { SCHEMA } from '@phonetrust/schema';
import { ScoringModule } from '@phonetrust/scoring';
import { VerificationModule } from '@phonetrust/verification';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuditController } from './audit/audit.controller';
import { CasesController } from './cases/cases.controller';
import { API_CONFIG } from './config';
import { ConsoleAssets } from './console/console-assets';
import { ConsoleController } from './console/console.controller';
import { HealthController } from './health/health.controller';
import { DisplayController } from './display/display.controller';
import { ConnectionDrain } from './http/connection-drain';
import { HttpErrorFilter } from './http/http-error.filter';
import { loggerParams } from './http/logging';
import { createValidationPipe } from './http/validation.pipe';
import { MerchantPhonesController } from './merchants/merchant-phones.controller';
import { PhoneAppealsController } from './merchants/phone-appeals.controller';
import { MetricsController } from './metrics/metrics.controller';
import { NumbersController } from './numbers/numbers.controller';
import { ReportsController } from './reports/reports.controller';
import { VerificationsController } from './verifications/verifications.controller';
import { StartupTasks } from './startup-tasks';

@Module({})
export class AppModule {
  /** Throws ConfigValidationError, naming every bad variable, before anything starts. */
  static forRoot(env: Env): DynamicModule {
    const config = loadConfig(env, API_CONFIG);
    const http = config.get(httpConfig.KEY) as HttpConfig;
    return {
      module: AppModule,
      imports: [
        ConfigModule.fromValues(config, API_CONFIG),
        LoggerModule.forRoot(loggerParams(http)),
        DatabaseModule.forRoot(SCHEMA),
        MetricsModule,
        TerminusModule.forRoot({ logger: false }),
        AuthModule,
        AuditModule,
        ScoringModule,
        ReportingModule,
        VerificationModule,
        DisplayModule,
        ReviewModule,
        EventsModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        ApiKeysController,
        AuditController,
        VerificationsController,
        MerchantPhonesController,
        PhoneAppealsController,
        DisplayController,
        ReportsController,
        NumbersController,
        CasesController,
        ConsoleController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        StartupTasks,
        ConsoleAssets,
        ConnectionDrain,
      ],
    };
  }
}
