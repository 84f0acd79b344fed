import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import {
  Actor,
  CASE_FIELDS,
  Disclosure,
  PersonalDataVault,
  Role,
  disclose,
  disclosesAny,
  openSealedTexts,
} from '@psp/security';
import { CaseSnapshot, PersonDirectory, caseSnapshot, loadCase, readCase } from '@psp/workflow';
import { ReadModelDatabase } from '@psp/projections';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { READ_MODEL } from '../projections/read-model.provider';
import { VAULT } from '../infrastructure/vault.provider';
import { FullCasePayload, fullCasePayload, payloadPerson } from './full-case-payload';

export interface DisclosedCase extends Disclosure<Partial<FullCasePayload>> {
  readonly caseId: string;
  readonly revision: number;
  readonly departement: string;
}

/**
 * Builds every payload that shows an individual case the same way: the full payload (snapshot +
 * identity from the vault), then `disclose(role, …, CASE_FIELDS)`, the one filter (R3, ACL-05).
 * The vault is read only when the role may see the identity.
 */
@Injectable()
export class CasePayloads {
  private readonly persons: PersonDirectory;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
  ) {
    this.persons = new PersonDirectory(store, vault);
  }

  /**
   * `GET /cases/{caseId}`: the case within the actor's scope (404 otherwise), disclosed to its role,
   * with the rights the person used over all her cases (PSP-06, PSP-07), read now.
   */
  async forActor(caseId: string, actor: Actor): Promise<DisclosedCase> {
    const snapshot = await loadCase(this.store, caseId, actor);
    const personParcours = disclosesAny(actor.role, CASE_FIELDS, 'personParcours')
      ? await this.persons.personParcours(caseId, snapshot.view.periods)
      : undefined;
    return this.disclosed(snapshot, actor.role, personParcours);
  }

  /**
   * The summary of a case on an agenda item the caller has checked the actor sits on (ACL-01,
   * ACL-02, ACL-03 applied by the session): the case is read without the case scope rule.
   */
  async agendaSummary(caseId: string, actor: Actor): Promise<DisclosedCase> {
    const { state, revision } = await readCase(this.store, caseId);
    return this.disclosed(caseSnapshot(caseId, revision, state, actor), actor.role);
  }

  /** The case's file number from `rv_file_numbers`; none until the projector numbered it. */
  async fileNumber(caseId: string): Promise<string | undefined> {
    const [row] = await this.db.all<{ file_number: string }>(
      'SELECT file_number FROM rv_file_numbers WHERE case_id = ?',
      [caseId],
    );
    return row?.file_number;
  }

  private async disclosed(
    snapshot: CaseSnapshot,
    role: Role,
    personParcours?: FullCasePayload['personParcours'],
  ): Promise<DisclosedCase> {
    const person = disclosesAny(role, CASE_FIELDS, 'person')
      ? payloadPerson(await this.vault.read(snapshot.personRef))
      : undefined;
    const disclosed = disclose<Partial<FullCasePayload>>(
      role,
      fullCasePayload(snapshot, person, personParcours, await this.fileNumber(snapshot.caseId)),
      CASE_FIELDS,
    );
    return {
      caseId: snapshot.caseId,
      revision: snapshot.revision,
      departement: snapshot.departement,
      ...(await openSealedTexts(this.vault, snapshot.personRef, disclosed)),
    };
  }
}
