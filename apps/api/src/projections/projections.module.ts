import {
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { Projector, ReadModelDatabase, allProjections } from '@psp/projections';
import { AppConfig } from '@psp/runtime';
import { PROJECTOR_NUDGE } from '../cases/case-tokens';
import { APP_CONFIG } from '../config/app-config.token';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { READ_MODEL, readModelProvider } from './read-model.provider';

export const PROJECTOR = Symbol('PROJECTOR');

@Global()
@Module({
  providers: [
    readModelProvider,
    {
      provide: PROJECTOR,
      inject: [EVENT_STORE, READ_MODEL, APP_CONFIG],
      useFactory: (store: EventStore, db: ReadModelDatabase, config: AppConfig) => {
        const logger = new Logger('projector');
        return new Projector(store, db, allProjections(store), {
          coalesceMs: config.projectorCoalesceMs,
          onParked: (parked) =>
            logger.error({
              msg: 'stream parked for a view',
              alert: true,
              projection: parked.projection,
              streamId: parked.streamId,
              position: parked.position.toString(),
              error: parked.error,
            }),
        });
      },
    },
    {
      provide: PROJECTOR_NUDGE,
      inject: [PROJECTOR],
      useFactory: (projector: Projector) => () => projector.nudge(),
    },
  ],
  exports: [READ_MODEL, PROJECTOR, PROJECTOR_NUDGE],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTOR) private readonly projector: Projector,
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // PROJECTOR=external: `npm run projector` feeds the views; this process only reads them.
    if (this.config.projector === 'internal') await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.db.close();
  }
}
