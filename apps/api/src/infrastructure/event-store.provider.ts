import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { EventStore, openEventStore } from '@psp/event-store';
import { AppConfig } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';

export const EVENT_STORE = Symbol('EVENT_STORE');

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Promise<EventStore> => openEventStore(config.eventStoreUrl),
};

/** Closes the store when the application stops, after the HTTP server has drained. */
@Injectable()
export class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
