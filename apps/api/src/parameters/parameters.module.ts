import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { dateOf } from '@psp/legal-kernel';
import { deploymentParameters, staleParameterWarnings } from '@psp/psp-case';
import { AppConfig } from '@psp/runtime';
import { Clock, recordParameterTable } from '@psp/workflow';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';

/**
 * PD-5 at start: records a change of the parameter table (stream `psp-parameters`), and warns in
 * the logs of every table whose last value passed its usual revaluation date (also in /health).
 */
@Module({})
export class ParametersModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('parameters');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const table = this.config.parameterTable ?? { params: deploymentParameters() };
    if (await recordParameterTable(this.store, table, this.clock)) {
      this.logger.log({
        msg: 'parameter table change recorded',
        file: table.file ?? 'defaults',
        sha256: table.sha256 ?? 'defaults',
      });
    }
    for (const warning of staleParameterWarnings(
      deploymentParameters(),
      dateOf(this.clock().toISOString()),
    )) {
      this.logger.warn({
        msg: 'parameter table out of date',
        alert: true,
        rule: warning.rule,
        detail: warning.message,
      });
    }
  }
}
