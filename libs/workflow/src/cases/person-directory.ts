import { EventStore } from '@psp/event-store';
import { CalendarDate } from '@psp/legal-kernel';
import { MonthsAndDays, PersonPeriodFact, periodsFromFacts, rightsUsed } from '@psp/psp-case';
import { PersonalDataVault } from '@psp/security';
import { CaseRecordPurgedError } from '../privacy/case-record-purged';
import { caseAggregate, caseStreamId } from './case-stream';

/** What the association may learn of a probable earlier parcours (PSP-07): no case id, no identity, no place. */
export interface PriorParcours {
  /** How many earlier cases of the person were found (any association, any département). */
  readonly cases: number;
  /** Rights the person used in them (PSP-06, PSP-07: what the 24-month cap already counts). */
  readonly rightsUsed: MonthsAndDays;
}

/** The person behind a case as `GET /cases/{id}` shows it (no person id, no other case id). */
export interface PersonParcours {
  /** `pending`: a probable earlier parcours awaits confirm-person-link / deny-person-link. */
  readonly link: 'none' | 'pending' | 'known';
  /** Other cases of the person whose periods count (any association, any département). */
  readonly otherCases: number;
  /** PSP-06 / PSP-07: rights the person used over every case, this one included. */
  readonly rightsUsed: MonthsAndDays;
  readonly possibleMatch?: PriorParcours;
}

/**
 * The person across cases (PSP-06, PSP-07): which cases the vault links to a pseudonymous person
 * id, and the periods with rights the person held in them, read from their streams now. Only the
 * cases whose own history names the person (opened under that id, or a confirmed link) count: a
 * link in the vault alone is never enough (no silent merge).
 */
export class PersonDirectory {
  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  /** The person's periods in every case but `exceptCaseId`, as facts a decision records (PD-3). */
  async periodsElsewhere(personId: string, exceptCaseId?: string): Promise<readonly PersonPeriodFact[]> {
    const facts: PersonPeriodFact[] = [];
    for (const link of await this.vault.casesOfPerson(personId)) {
      if (link.caseId === exceptCaseId) continue;
      const context = await this.contextOf(link.caseId);
      if (!context || context.personId !== personId) continue;
      for (const period of context.periods) {
        facts.push({
          caseId: link.caseId,
          index: period.index,
          kind: period.kind,
          start: period.start,
          end: period.end,
          ...(period.stopReason ? { stopReason: period.stopReason } : {}),
        });
      }
    }
    return facts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  /** The summary of a person's other cases that the association is shown (PSP-07). */
  async priorParcours(personId: string, exceptCaseId?: string): Promise<PriorParcours> {
    const facts = await this.periodsElsewhere(personId, exceptCaseId);
    const cases = new Set<string>();
    for (const link of await this.vault.casesOfPerson(personId)) {
      if (link.caseId === exceptCaseId) continue;
      const context = await this.contextOf(link.caseId);
      if (context?.personId === personId) cases.add(link.caseId);
    }
    return { cases: cases.size, rightsUsed: rightsUsed(periodsFromFacts(facts)) };
  }

  /**
   * `GET /cases/{id}` (PSP-06, PSP-07): the rights the person used over every case, this one
   * included, read now; and a probable earlier parcours still waiting for the association's answer.
   */
  async personParcours(
    caseId: string,
    ownPeriods: readonly { readonly start: CalendarDate; readonly end: CalendarDate }[],
  ): Promise<PersonParcours> {
    const pending = await this.vault.pendingMatch(caseId);
    const personId = await this.vault.personOfCase(caseId);
    const elsewhere = personId ? await this.periodsElsewhere(personId, caseId) : [];
    const own = ownPeriods.map((p, i) => ({ caseId, index: i + 1, kind: 'entry' as const, ...p }));
    const all = periodsFromFacts([...elsewhere, ...own]);
    return {
      link: pending ? 'pending' : personId ? 'known' : 'none',
      otherCases: new Set(elsewhere.map((p) => p.caseId)).size,
      rightsUsed: rightsUsed(all),
      ...(pending ? { possibleMatch: await this.priorParcours(pending.candidatePersonId, caseId) } : {}),
    };
  }

  private async contextOf(caseId: string) {
    const events = await this.store.readStream(caseStreamId(caseId));
    if (events.length === 0) return undefined;
    try {
      return caseAggregate.fold(events).context;
    } catch (error) {
      if (error instanceof CaseRecordPurgedError) return undefined; // retention: the case is gone
      throw error;
    }
  }
}
