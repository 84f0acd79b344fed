import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import {
  Actor,
  CASE_FIELDS,
  Disclosure,
  PersonalDataVault,
  REDACTED,
  Role,
  disclose,
  disclosesAny,
} from '@psp/security';
import { CaseSnapshot, caseSnapshot, loadCase, readCase } from '@psp/workflow';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { VAULT } from '../infrastructure/vault.provider';

/** The person as the case payload shows them (ACL-05): identity only, never contact details or documents. */
export interface PayloadPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate?: string;
  readonly nationality?: string;
}

export type FullCasePayload = CaseSnapshot & { readonly person?: PayloadPerson };

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
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
  ) {}

  /** `GET /cases/{caseId}`: the case within the actor's scope (404 otherwise), disclosed to its role. */
  async forActor(caseId: string, actor: Actor): Promise<DisclosedCase> {
    return this.disclosed(await loadCase(this.store, caseId, actor), actor.role);
  }

  /**
   * The summary of a case on an agenda item the caller has checked the actor sits on (ACL-01,
   * ACL-02, ACL-03 applied by the session): the case is read without the case scope rule.
   */
  async agendaSummary(caseId: string, actor: Actor): Promise<DisclosedCase> {
    const { state, revision } = await readCase(this.store, caseId);
    return this.disclosed(caseSnapshot(caseId, revision, state, actor), actor.role);
  }

  private async disclosed(snapshot: CaseSnapshot, role: Role): Promise<DisclosedCase> {
    const person = disclosesAny(role, CASE_FIELDS, 'person')
      ? await this.person(snapshot.personRef)
      : undefined;
    const full: FullCasePayload = { ...snapshot, ...(person ? { person } : {}) };
    return {
      caseId: snapshot.caseId,
      revision: snapshot.revision,
      departement: snapshot.departement,
      ...disclose<Partial<FullCasePayload>>(role, full, CASE_FIELDS),
    };
  }

  /** The unfiltered payload (contract tests walk it: every field must be classified). */
  async full(caseId: string, actor: Actor): Promise<FullCasePayload> {
    const snapshot = await loadCase(this.store, caseId, actor);
    return { ...snapshot, person: await this.person(snapshot.personRef) };
  }

  private async person(personRef: string): Promise<PayloadPerson> {
    const read = await this.vault.read(personRef);
    if (read.status === 'present') {
      const { givenName, familyName, birthDate, nationality } = read.record;
      return { givenName, familyName, birthDate, nationality };
    }
    return { givenName: REDACTED, familyName: REDACTED };
  }
}
