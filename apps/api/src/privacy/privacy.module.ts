import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { CaseListClosedCases, Projector, ReadModelDatabase } from '@psp/projections';
import { CaseDocuments } from '@psp/documents';
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
import { PeriodicJob } from '../infrastructure/periodic-job';
import { exclusiveAcrossInstances } from '../infrastructure/job-lock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { VAULT } from '../infrastructure/vault.provider';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import { CASE_DOCUMENTS } from '../documents/document-tokens';
import { DocumentsModule } from '../documents/documents.module';
import { ErasureController } from './erasure.controller';
import { CLOSED_CASES, PERSONAL_DATA_ERASER, RETENTION_SCHEDULER } from './privacy-tokens';
import { RetentionController } from './retention.controller';

/**
 * Erasure (crypto-shredding) and retention (notice, then purge). The retention scheduler runs
 * every SCHEDULER_INTERVAL_MS beside the deadline scheduler (0 turns it off, for instance when
 * `npm run cli -- run-retention` runs from cron); every step has a deterministic id.
 */
@Module({
  imports: [DocumentsModule],
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
      inject: [EVENT_STORE, VAULT, CLOSED_CASES, CLOCK, CASE_DOCUMENTS],
      useFactory: (
        store: EventStore,
        vault: PersonalDataVault,
        closed: ClosedCases,
        clock: Clock,
        documents: CaseDocuments,
      ) =>
        new RetentionScheduler(store, vault, closed, DEFAULT_RETENTION_PARAMETERS, clock, (caseId) =>
          documents.purgeCase(caseId),
        ),
    },
  ],
})
export class PrivacyModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    @Inject(RETENTION_SCHEDULER) scheduler: RetentionScheduler,
    @Inject(PROJECTOR) projector: Projector,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(READ_MODEL) db: ReadModelDatabase,
  ) {
    const logger = new Logger('retention');
    this.job = new PeriodicJob(
      logger,
      config.schedulerIntervalMs,
      async () => {
        const outcomes = await scheduler.runOnce();
        for (const o of outcomes)
          logger.log({ msg: 'retention', caseId: o.caseId, action: o.action, purgeOn: o.purgeOn });
        if (outcomes.length > 0) projector.nudge();
      },
      exclusiveAcrossInstances(db, 'retention'),
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}
