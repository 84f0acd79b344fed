import { DynamicModule, Module } from '@nestjs/common';
import { AfisModule } from './afis/afis.module';
import { ParametersModule } from './parameters/parameters.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DocumentsModule } from './documents/documents.module';
import { NotificationsModule } from './notifications/notifications.module';
import { HealthController } from './health/health.controller';
import { IndicatorsModule } from './indicators/indicators.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProjectionsModule } from './projections/projections.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RegistriesModule } from './registries/registries.module';
import { SecurityModule } from './security/security.module';
import { DevTokensController, devTokensEnabled } from './security/dev-tokens.controller';
import { ViewsModule } from './views/views.module';
import { SecurityViewsModule } from './security-views/security-views.module';
import { AppConfig } from '@psp/runtime';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        ProjectionsModule,
        SecurityModule,
        SecurityViewsModule,
        RegistriesModule,
        CasesModule,
        DeadlinesModule,
        AuditModule,
        PrivacyModule,
        IndicatorsModule,
        ViewsModule,
        AfisModule,
        ParametersModule,
        DocumentsModule,
        NotificationsModule,
      ],
      // Development sign-in of the web console: only where development tokens are accepted.
      controllers: [HealthController, ...(devTokensEnabled(config) ? [DevTokensController] : [])],
    };
  }
}
