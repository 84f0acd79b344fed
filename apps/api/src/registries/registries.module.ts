import { Global, Module } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import {
  AssociationCommandHandler,
  Clock,
  CommissionCommandHandler,
  StoreRegistryFacts,
} from '@psp/workflow';
import { REGISTRY_FACTS } from '../cases/case-tokens';
import { CLOCK } from '../infrastructure/clock';
import { CommandEndpoint } from '../infrastructure/command-endpoint';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { AssociationsController } from './associations/associations.controller';
import { CommissionSessionsController } from './commissions/commission-sessions.controller';
import { CommissionsController } from './commissions/commissions.controller';
import { ASSOCIATION_COMMAND_HANDLER, COMMISSION_COMMAND_HANDLER } from './registry-tokens';

/** Approved associations and departmental commissions (PD-3): their commands, and the facts cases read from them. */
@Global()
@Module({
  controllers: [AssociationsController, CommissionsController, CommissionSessionsController],
  providers: [
    CommandEndpoint,
    {
      provide: REGISTRY_FACTS,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new StoreRegistryFacts(store),
    },
    {
      provide: ASSOCIATION_COMMAND_HANDLER,
      inject: [EVENT_STORE, CLOCK],
      useFactory: (store: EventStore, clock: Clock) => new AssociationCommandHandler(store, clock),
    },
    {
      provide: COMMISSION_COMMAND_HANDLER,
      inject: [EVENT_STORE, CLOCK],
      useFactory: (store: EventStore, clock: Clock) => new CommissionCommandHandler(store, clock),
    },
  ],
  exports: [REGISTRY_FACTS, ASSOCIATION_COMMAND_HANDLER, COMMISSION_COMMAND_HANDLER],
})
export class RegistriesModule {}
