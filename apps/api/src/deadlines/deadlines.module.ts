import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { AssociationListDue, CaseListDueCases, Projector, ReadModelDatabase } from '@psp/projections';
import { dateOf } from '@psp/legal-kernel';
import {
  AssociationCommandHandler,
  CaseCommandHandler,
  Clock,
  DeadlineScheduler,
  RegistryDeadlineScheduler,
} from '@psp/workflow';
import { ASSOCIATION_COMMAND_HANDLER } from '../registries/registry-tokens';
import { CASE_COMMAND_HANDLER } from '../cases/case-tokens';
import { CasesModule } from '../cases/cases.module';
import { CLOCK } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import { AppConfig } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';

export const DEADLINE_SCHEDULER = Symbol('DEADLINE_SCHEDULER');
export const REGISTRY_DEADLINE_SCHEDULER = Symbol('REGISTRY_DEADLINE_SCHEDULER');

/**
 * Runs the deadline scheduler every SCHEDULER_INTERVAL_MS (default one minute; 0 turns it off, for
 * instance when a separate process runs `npm run cli -- run-deadlines`). Several instances may run
 * it: each system command has a deterministic id, so it is written once.
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
  ],
})
export class DeadlinesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly logger = new Logger('deadlines');

  constructor(
    @Inject(DEADLINE_SCHEDULER) private readonly scheduler: DeadlineScheduler,
    @Inject(REGISTRY_DEADLINE_SCHEDULER) private readonly registryScheduler: RegistryDeadlineScheduler,
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
            this.logger.log({ msg: 'deadline command', caseId: o.caseId, command: o.command, on: o.on });
          if (outcomes.length > 0) this.projector.nudge();
        })
        .catch((error: unknown) => this.logger.error({ msg: 'deadline run failed', error: String(error) }))
        .finally(() => (this.running = undefined));
    }, this.config.schedulerIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
