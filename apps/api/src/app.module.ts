import { DynamicModule, Module } from '@nestjs/common';
import { CasesModule } from './cases/cases.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthController } from './health/health.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProjectionsModule } from './projections/projections.module';
import { RegistriesModule } from './registries/registries.module';
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
        SecurityViewsModule,
        RegistriesModule,
        CasesModule,
        DeadlinesModule,
      ],
      controllers: [HealthController],
    };
  }
}
