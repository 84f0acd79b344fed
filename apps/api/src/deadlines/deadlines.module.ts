import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import {
  AssociationListDue,
  CaseListDueCases,
  Projector,
  ReadModelDatabase,
  RecentlyClosedSittings,
} from '@psp/projections';
import { dateOf } from '@psp/legal-kernel';
import {
  AssociationCommandHandler,
  CaseCommandHandler,
  Clock,
  CommissionOpinionDispatcher,
  CommissionOpinionSweep,
  DeadlineScheduler,
  RegistryDeadlineScheduler,
} from '@psp/workflow';
import { ASSOCIATION_COMMAND_HANDLER } from '../registries/registry-tokens';
import { CASE_COMMAND_HANDLER } from '../cases/case-tokens';
import { CasesModule } from '../cases/cases.module';
import { CLOCK } from '../infrastructure/clock';
import { PeriodicJob } from '../infrastructure/periodic-job';
import { exclusiveAcrossInstances } from '../infrastructure/job-lock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import { AppConfig } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';

export const DEADLINE_SCHEDULER = Symbol('DEADLINE_SCHEDULER');
export const REGISTRY_DEADLINE_SCHEDULER = Symbol('REGISTRY_DEADLINE_SCHEDULER');
export const COMMISSION_OPINION_SWEEP = Symbol('COMMISSION_OPINION_SWEEP');

/**
 * Runs the deadline scheduler every SCHEDULER_INTERVAL_MS (default one minute; 0 turns it off, for
 * instance when a separate process runs `npm run cli -- run-deadlines`). Several instances on one
 * PostgreSQL database run it one at a time (advisory lock), and each system command has a
 * deterministic id besides, so it is written once.
 */
@Module({
  imports: [CasesModule],
  providers: [
    {
      provide: DEADLINE_SCHEDULER,
      inject: [EVENT_STORE, CASE_COMMAND_HANDLER, READ_MODEL, CLOCK],
      useFactory: (store: EventStore, handler: CaseCommandHandler, db: ReadModelDatabase, clock: Clock) =>
        new DeadlineScheduler(store, handler, new CaseListDueCases(db), clock),
    },
    {
      provide: REGISTRY_DEADLINE_SCHEDULER,
      inject: [EVENT_STORE, ASSOCIATION_COMMAND_HANDLER, READ_MODEL, CLOCK],
      useFactory: (
        store: EventStore,
        handler: AssociationCommandHandler,
        db: ReadModelDatabase,
        clock: Clock,
      ) =>
        new RegistryDeadlineScheduler(
          store,
          handler,
          new AssociationListDue(db, () => dateOf(clock().toISOString())),
          clock,
        ),
    },
    {
      // ADR 0012: opinions of sittings whose close was cut short reach their cases on the next run.
      provide: COMMISSION_OPINION_SWEEP,
      inject: [EVENT_STORE, READ_MODEL, CLOCK],
      useFactory: (store: EventStore, db: ReadModelDatabase, clock: Clock) =>
        new CommissionOpinionSweep(
          new CommissionOpinionDispatcher(store, clock),
          new RecentlyClosedSittings(db, () => dateOf(clock().toISOString())),
        ),
    },
  ],
})
export class DeadlinesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    @Inject(DEADLINE_SCHEDULER) scheduler: DeadlineScheduler,
    @Inject(REGISTRY_DEADLINE_SCHEDULER) registryScheduler: RegistryDeadlineScheduler,
    @Inject(COMMISSION_OPINION_SWEEP) opinionSweep: CommissionOpinionSweep,
    @Inject(PROJECTOR) projector: Projector,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(READ_MODEL) db: ReadModelDatabase,
  ) {
    const logger = new Logger('deadlines');
    this.job = new PeriodicJob(
      logger,
      config.schedulerIntervalMs,
      async () => {
        const cases = await scheduler.runOnce();
        for (const o of cases)
          logger.log({ msg: 'deadline command', caseId: o.caseId, command: o.command, on: o.on });
        const registries = await registryScheduler.runOnce();
        for (const o of registries) logger.log({ msg: 'registry deadline command', ...o });
        const opinions = await opinionSweep.runOnce();
        for (const o of opinions) logger.log({ msg: 'commission opinion delivered', ...o });
        if (cases.length + registries.length + opinions.length > 0) projector.nudge();
      },
      exclusiveAcrossInstances(db, 'deadlines'),
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}
