import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { CaseListClosedCases, Projector, ReadModelDatabase } from '@psp/projections';
import { PersonalDataVault } from '@psp/security';
import {
  ClosedCases,
  Clock,
  DEFAULT_RETENTION_PARAMETERS,
  PersonalDataEraser,
  RetentionScheduler,
} from '@psp/workflow';
import { AppConfig } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';
import { CommandEndpoint } from '../infrastructure/command-endpoint';
import { CLOCK } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { VAULT } from '../infrastructure/vault.provider';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import { ErasureController } from './erasure.controller';
import { CLOSED_CASES, PERSONAL_DATA_ERASER, RETENTION_SCHEDULER } from './privacy-tokens';
import { RetentionController } from './retention.controller';

/**
 * Erasure (crypto-shredding) and retention (notice, then purge). The retention scheduler runs
 * every SCHEDULER_INTERVAL_MS beside the deadline scheduler (0 turns it off, for instance when
 * `npm run cli -- run-retention` runs from cron); every step has a deterministic id.
 */
@Module({
  controllers: [ErasureController, RetentionController],
  providers: [
    CommandEndpoint,
    {
      provide: PERSONAL_DATA_ERASER,
      inject: [EVENT_STORE, VAULT, CLOCK],
      useFactory: (store: EventStore, vault: PersonalDataVault, clock: Clock) =>
        new PersonalDataEraser(store, vault, clock),
    },
    {
      provide: CLOSED_CASES,
      inject: [READ_MODEL],
      useFactory: (db: ReadModelDatabase) => new CaseListClosedCases(db),
    },
    {
      provide: RETENTION_SCHEDULER,
      inject: [EVENT_STORE, VAULT, CLOSED_CASES, CLOCK],
      useFactory: (store: EventStore, vault: PersonalDataVault, closed: ClosedCases, clock: Clock) =>
        new RetentionScheduler(store, vault, closed, DEFAULT_RETENTION_PARAMETERS, clock),
    },
  ],
})
export class PrivacyModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly logger = new Logger('retention');

  constructor(
    @Inject(RETENTION_SCHEDULER) private readonly scheduler: RetentionScheduler,
    @Inject(PROJECTOR) private readonly projector: Projector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.schedulerIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.scheduler
        .runOnce()
        .then((outcomes) => {
          for (const o of outcomes)
            this.logger.log({ msg: 'retention', caseId: o.caseId, action: o.action, purgeOn: o.purgeOn });
          if (outcomes.length > 0) this.projector.nudge();
        })
        .catch((error: unknown) => this.logger.error({ msg: 'retention run failed', error: String(error) }))
        .finally(() => (this.running = undefined));
    }, this.config.schedulerIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
