import { EventStore, RecordedEvent } from '@psp/event-store';
import { PspCaseState, afisSchedule } from '@psp/psp-case';
import { CASE_RECORD_PURGED, isCaseEventType } from '@psp/workflow';
import { ReadModelTransaction } from '../read-model/read-model-database';
import { Projection, TableNamer } from '../projector/projection';
import { CaseStateCache, caseOutcomes } from './case-state-cache';

/**
 * The schedule is a function of the AFIS record, the parameter tables and the département, and a
 * row also names the person: when none of them changed (a follow-up, a document, a decision on
 * the residence permit…), the rows stand. Case states are never mutated, and an event that leaves
 * a part of the context alone keeps that part's object (the machine's updates are partial), so
 * identity is enough.
 */
function afisInputsChanged(before: PspCaseState, after: PspCaseState): boolean {
  const [b, a] = [before.context, after.context];
  return (
    b.afis !== a.afis ||
    b.params !== a.params ||
    b.departement !== a.departement ||
    b.personRef !== a.personRef
  );
}

/**
 * `rv_afis_payments`: the AFIS payment schedule of every beneficiary, one row per case and month
 * (D.121-12-14 to D.121-12-16), recomputed from the case machine after each of the case's events.
 * No personal data: the person is the opaque `person_ref`.
 *
 * | column | meaning |
 * |---|---|
 * | case_id, person_ref, departement | the beneficiary and the département (scope) |
 * | month | `YYYY-MM` |
 * | days, days_in_month | days of the month the AFIS is due (a partial month is prorated, ADR-0013) |
 * | children | dependent children counted that month (D.121-12-14) |
 * | monthly_amount_cents | the full lump sum for the month (the scale in force then; Mayotte's in 976) |
 * | basis | the text that sets that scale (`D.121-12-14, décret 2022-1340`) |
 * | due_cents | due for the month |
 * | payable_from | the first day it may be paid (in arrears, D.121-12-16) |
 * | paid_cents, last_paid_on | paid by the paying body's runs, and the last payment date |
 * | unpaid_cents | due and not paid (arrears once `payable_from` has passed) |
 * | overpaid_cents | paid beyond what is due; shown, never offset (L.121-9) |
 */
export class AfisPaymentsProjection implements Projection {
  readonly name = 'afis_payments';
  readonly version = 1;
  private readonly cache: CaseStateCache;

  constructor(store: EventStore) {
    this.cache = new CaseStateCache(store);
  }

  async createTables(tx: ReadModelTransaction, table: TableNamer): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS ${table()} (
      case_id TEXT NOT NULL, person_ref TEXT NOT NULL, departement TEXT NOT NULL, month TEXT NOT NULL,
      days BIGINT NOT NULL, days_in_month BIGINT NOT NULL, children BIGINT NOT NULL,
      monthly_amount_cents BIGINT NOT NULL, basis TEXT NOT NULL, due_cents BIGINT NOT NULL, payable_from TEXT NOT NULL,
      paid_cents BIGINT NOT NULL, last_paid_on TEXT, unpaid_cents BIGINT NOT NULL, overpaid_cents BIGINT NOT NULL,
      PRIMARY KEY (case_id, month))`);
    await tx.run(`CREATE INDEX IF NOT EXISTS ${table()}_by_departement ON ${table()} (departement, month)`);
  }

  handles(type: string): boolean {
    return isCaseEventType(type) || type === CASE_RECORD_PURGED;
  }

  async apply(tx: ReadModelTransaction, event: RecordedEvent, table: TableNamer): Promise<void> {
    await this.applyAll(tx, [event], table);
  }

  async applyAll(
    tx: ReadModelTransaction,
    events: readonly RecordedEvent[],
    table: TableNamer,
  ): Promise<void> {
    for (const [caseId, outcome] of await caseOutcomes(this.cache, events)) {
      if (outcome.purged) await tx.run(`DELETE FROM ${table()} WHERE case_id = ?`, [caseId]);
      else if (!outcome.before || afisInputsChanged(outcome.before, outcome.state))
        await this.write(tx, caseId, outcome.state, table);
    }
  }

  private async write(tx: ReadModelTransaction, caseId: string, state: PspCaseState, table: TableNamer) {
    const c = state.context;
    // Most case events leave the AFIS untouched: no grant and no payment means no row.
    if ((c.afis.grants ?? []).length === 0 && (c.afis.payments ?? []).length === 0) return;
    await tx.run(`DELETE FROM ${table()} WHERE case_id = ?`, [caseId]);
    const lastPaidOn = new Map<string, string>();
    for (const payment of c.afis.payments ?? []) {
      for (const line of payment.lines) lastPaidOn.set(line.month, payment.paidOn);
    }
    for (const m of afisSchedule(c)) {
      await tx.run(
        `INSERT INTO ${table()} (case_id, person_ref, departement, month, days, days_in_month, children,
           monthly_amount_cents, basis, due_cents, payable_from, paid_cents, last_paid_on, unpaid_cents, overpaid_cents)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          caseId,
          c.personRef ?? '',
          c.departement ?? '',
          m.month,
          m.days,
          m.daysInMonth,
          m.children,
          m.monthlyAmountCents,
          m.basis,
          m.dueCents,
          m.payableFrom,
          m.paidCents,
          lastPaidOn.get(m.month) ?? null,
          m.unpaidCents,
          m.overpaidCents,
        ],
      );
    }
  }
}
