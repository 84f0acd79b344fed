import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { EventStoreLifecycle, eventStoreProvider } from './infrastructure/event-store.provider';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }, eventStoreProvider, EventStoreLifecycle],
    };
  }
}
