import { Global, Module } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { StoreRegistryFacts } from '@psp/workflow';
import { REGISTRY_FACTS } from '../cases/case-tokens';
import { EVENT_STORE } from '../infrastructure/event-store.provider';

/** Approved associations and departmental commissions (PD-3): their commands, and the facts cases read from them. */
@Global()
@Module({
  providers: [
    {
      provide: REGISTRY_FACTS,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new StoreRegistryFacts(store),
    },
  ],
  exports: [REGISTRY_FACTS],
})
export class RegistriesModule {}
