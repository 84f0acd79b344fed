import { Module } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { PersonalDataVault } from '@psp/security';
import { CaseCommandHandler, Clock, RegistryFacts } from '@psp/workflow';
import { CLOCK } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { CommandEndpoint } from '../infrastructure/command-endpoint';
import { VAULT } from '../infrastructure/vault.provider';
import { CASE_COMMAND_HANDLER, REGISTRY_FACTS } from './case-tokens';
import { CasesController } from './cases.controller';
import { GetCaseController } from './queries/get-case.controller';
import { ListCasesController } from './queries/list-cases.controller';

@Module({
  controllers: [ListCasesController, GetCaseController, CasesController],
  providers: [
    CommandEndpoint,
    {
      provide: CASE_COMMAND_HANDLER,
      inject: [EVENT_STORE, VAULT, REGISTRY_FACTS, CLOCK],
      useFactory: (store: EventStore, vault: PersonalDataVault, facts: RegistryFacts, clock: Clock) =>
        new CaseCommandHandler(store, vault, facts, clock),
    },
  ],
  exports: [CASE_COMMAND_HANDLER],
})
export class CasesModule {}
