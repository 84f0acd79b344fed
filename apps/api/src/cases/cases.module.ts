import { SearchCasesController } from './queries/search-cases.controller';
import { Module } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { PersonalDataVault } from '@psp/security';
import { CaseCommandHandler, Clock, RegistryFacts } from '@psp/workflow';
import { DocumentStorage } from '@psp/documents';
import { DecisionLetters } from '@psp/letters';
import { DOCUMENT_STORAGE } from '../documents/document-tokens';
import { DocumentsModule } from '../documents/documents.module';
import { CLOCK } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { CommandEndpoint } from '../infrastructure/command-endpoint';
import { VAULT } from '../infrastructure/vault.provider';
import { CASE_COMMAND_HANDLER, REGISTRY_FACTS } from './case-tokens';
import { CasesController } from './cases.controller';
import { GetCaseController } from './queries/get-case.controller';
import { ListCasesController } from './queries/list-cases.controller';

@Module({
  imports: [DocumentsModule],
  controllers: [ListCasesController, SearchCasesController, GetCaseController, CasesController],
  providers: [
    CommandEndpoint,
    {
      provide: CASE_COMMAND_HANDLER,
      inject: [EVENT_STORE, VAULT, REGISTRY_FACTS, CLOCK, DOCUMENT_STORAGE],
      useFactory: (
        store: EventStore,
        vault: PersonalDataVault,
        facts: RegistryFacts,
        clock: Clock,
        documents: DocumentStorage,
      ) =>
        // Decisions come with the letter the préfet signs (docs/documents.md).
        new CaseCommandHandler(store, vault, facts, clock, new DecisionLetters(vault, documents)),
    },
  ],
  exports: [CASE_COMMAND_HANDLER],
})
export class CasesModule {}
