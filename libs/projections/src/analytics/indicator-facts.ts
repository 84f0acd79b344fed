import { ReadModelTransaction } from '../read-model/read-model-database';

/** One case as `rv_indicator_facts` keeps it (see IndicatorFactsProjection for the columns). */
export interface CaseFact {
  readonly caseId: string;
  readonly departement: string;
  readonly nationalityGroup?: string;
  readonly ageBand?: string;
  readonly requestFiledOn?: string;
  readonly entryOpinion?: string;
  readonly entryOpinionOn?: string;
  readonly entryDecision?: string;
  readonly entryDecisionOn?: string;
  readonly entryNotifiedOn?: string;
  readonly apsIssuedOn?: string;
  readonly afisGrantedOn?: string;
  readonly afisEndsOn?: string;
  readonly exitReason?: string;
  readonly exitOn?: string;
  readonly outcomes?: { readonly training: boolean; readonly job: boolean; readonly housing: boolean };
}

/** One dated fact (`rv_indicator_facts_events`). */
export interface EventFact {
  readonly departement: string;
  readonly kind: string;
  readonly cycle?: string;
  readonly on: string;
  readonly outcome?: string;
  readonly reason?: string;
}

/** One period with rights (`rv_indicator_facts_periods`). */
export interface PeriodFact {
  readonly caseId: string;
  /** PSP-07: the pseudonymous person the case belongs to (absent: the case stands for its person). */
  readonly personKey?: string;
  readonly departement: string;
  readonly start: string;
  readonly end: string;
}

/** One month of AFIS paid to a beneficiary (`rv_afis_payments`), dated by its payment (D.121-12-18 3°). */
export interface PaymentFact {
  readonly caseId: string;
  readonly departement: string;
  readonly paidOn: string;
  readonly amountCents: number;
}

export interface IndicatorFacts {
  readonly cases: readonly CaseFact[];
  readonly events: readonly EventFact[];
  readonly periods: readonly PeriodFact[];
  /** AFIS payments (absent where the payments view is not built). */
  readonly payments?: readonly PaymentFact[];
}

const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

/** Reads the facts through the stable views (`rv_indicator_facts*`). */
export async function readIndicatorFacts(db: ReadModelTransaction): Promise<IndicatorFacts> {
  const cases = await db.all<Record<string, unknown>>(
    `SELECT case_id, departement, nationality_group, age_band, request_filed_on, entry_opinion, entry_opinion_on,
            entry_decision, entry_decision_on, entry_notified_on, aps_issued_on, afis_granted_on, afis_ends_on,
            exit_reason, exit_on, outcome_training, outcome_job, outcome_housing
     FROM rv_indicator_facts ORDER BY case_id`,
  );
  const events = await db.all<Record<string, unknown>>(
    `SELECT departement, kind, cycle, on_date, outcome, reason FROM rv_indicator_facts_events
     ORDER BY case_id, revision, seq`,
  );
  const periods = await db.all<Record<string, unknown>>(
    `SELECT case_id, person_key, departement, start_on, end_on FROM rv_indicator_facts_periods
     ORDER BY case_id, period_index`,
  );
  // The payments view may not exist yet (a deployment that never projected it): no payment facts then.
  const payments = await db
    .all<Record<string, unknown>>(
      `SELECT case_id, departement, last_paid_on, paid_cents FROM rv_afis_payments
       WHERE paid_cents > 0 AND last_paid_on IS NOT NULL ORDER BY case_id, month`,
    )
    .catch(() => []);
  return {
    payments: payments.map((r) => ({
      caseId: String(r.case_id),
      departement: String(r.departement),
      paidOn: String(r.last_paid_on),
      amountCents: Number(r.paid_cents),
    })),
    cases: cases.map((r) => ({
      caseId: String(r.case_id),
      departement: String(r.departement),
      nationalityGroup: opt(r.nationality_group),
      ageBand: opt(r.age_band),
      requestFiledOn: opt(r.request_filed_on),
      entryOpinion: opt(r.entry_opinion),
      entryOpinionOn: opt(r.entry_opinion_on),
      entryDecision: opt(r.entry_decision),
      entryDecisionOn: opt(r.entry_decision_on),
      entryNotifiedOn: opt(r.entry_notified_on),
      apsIssuedOn: opt(r.aps_issued_on),
      afisGrantedOn: opt(r.afis_granted_on),
      afisEndsOn: opt(r.afis_ends_on),
      exitReason: opt(r.exit_reason),
      exitOn: opt(r.exit_on),
      outcomes:
        r.outcome_training === null || r.outcome_training === undefined
          ? undefined
          : {
              training: Number(r.outcome_training) === 1,
              job: Number(r.outcome_job) === 1,
              housing: Number(r.outcome_housing) === 1,
            },
    })),
    events: events.map((r) => ({
      departement: String(r.departement),
      kind: String(r.kind),
      cycle: opt(r.cycle),
      on: String(r.on_date),
      outcome: opt(r.outcome),
      reason: opt(r.reason),
    })),
    periods: periods.map((r) => ({
      caseId: String(r.case_id),
      personKey: opt(r.person_key),
      departement: String(r.departement),
      start: String(r.start_on),
      end: String(r.end_on),
    })),
  };
}
