import { Global, Module } from '@nestjs/common';
import { DocumentStorage } from '@psp/documents';
import { EventStore } from '@psp/event-store';
import { SittingPaperStore } from '@psp/letters';
import {
  AssociationCommandHandler,
  Clock,
  CommissionCommandHandler,
  StoreRegistryFacts,
} from '@psp/workflow';
import { REGISTRY_FACTS } from '../cases/case-tokens';
import { DOCUMENT_STORAGE } from '../documents/document-tokens';
import { DocumentsModule } from '../documents/documents.module';
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
  imports: [DocumentsModule],
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
      // COM-07 / COM-08: the sitting files its convocation and minutes in the document storage.
      inject: [EVENT_STORE, CLOCK, DOCUMENT_STORAGE],
      useFactory: (store: EventStore, clock: Clock, storage: DocumentStorage) =>
        new CommissionCommandHandler(store, clock, new SittingPaperStore(storage)),
    },
  ],
  exports: [REGISTRY_FACTS, ASSOCIATION_COMMAND_HANDLER, COMMISSION_COMMAND_HANDLER],
})
export class RegistriesModule {}
