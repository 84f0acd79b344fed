import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TokenVerifier } from '@psp/security';
import { AbuseLimits } from './abuse-limits';
import { AuthenticationGuard, TOKEN_VERIFIER } from './authentication';
import { CLOCK, clockFromEnvironment } from './clock';
import { EVENT_STORE, EventStoreLifecycle, eventStoreProvider } from './event-store.provider';
import { Metrics, MetricsController } from './metrics';
import { ProblemDetailsFilter } from './problem-details.filter';
import { VAULT, VaultLifecycle, vaultProvider } from './vault.provider';
import { AppConfig } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';

/** What every use case needs: the store, the vault, authentication, errors, metrics. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      controllers: [MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clockFromEnvironment(config) },
        eventStoreProvider,
        EventStoreLifecycle,
        vaultProvider,
        VaultLifecycle,
        Metrics,
        AbuseLimits,
        { provide: TOKEN_VERIFIER, useFactory: () => TokenVerifier.create(config.auth) },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, VAULT, Metrics, TOKEN_VERIFIER],
    };
  }
}
