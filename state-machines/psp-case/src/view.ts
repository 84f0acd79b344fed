import {
  CalendarDate,
  RuleWarning,
  addMonths,
  daysBetween,
  lastDayOfMonthsFrom,
  valueOn,
} from '@psp/legal-kernel';
import { PspCaseState } from './fold';
import { Period } from './machine/context';
import {
  MonthsAndDays,
  capEnd,
  daysWithRights,
  isFinalPeriod,
  personPeriods,
  rightsLeft,
  rightsUsed,
} from './rules';

export interface CaseView {
  readonly status: string;
  readonly stage?: string;
  readonly periods: readonly Pick<
    Period,
    'index' | 'kind' | 'start' | 'end' | 'plannedEnd' | 'shortened' | 'stoppedOn'
  >[];
  readonly rights: {
    readonly capMonths: number;
    /** DUR-02: granted periods, the running one up to its end. */
    readonly used: MonthsAndDays;
    readonly usedDays: number;
    /**
     * PSP-06 / PSP-07: rights used by the person over every case (this one and the periods of her
     * other cases recorded by the last decision). `used` is this case's share.
     */
    readonly personUsed: MonthsAndDays;
    /** What later periods may still use (the person's budget, PSP-07). */
    readonly left: MonthsAndDays;
    readonly finalPeriod: boolean;
    readonly rightsEndedOn?: CalendarDate;
    /** PSP-13: presumed in hardship for tax relief while rights are open (LPF L.247 1°). */
    readonly hardshipPresumed: boolean;
  };
  readonly aps: {
    readonly status: string;
    readonly validFrom?: CalendarDate;
    readonly validTo?: CalendarDate;
    /** APS-04: an issued APS allows work. */
    readonly workAllowed: boolean;
    /** APS-10: days from the PSP authorisation to the APS (as short as possible). */
    readonly daysFromAuthorisationToAps?: number;
  };
  readonly afis: {
    readonly status: string;
    readonly monthlyAmountCents?: number;
    readonly endsOn?: CalendarDate;
    readonly endReason?: string;
  };
  readonly deadlines: {
    readonly periodEnd?: CalendarDate;
    /** The last day of rights if the parcours runs on to the cap. */
    readonly capDate?: CalendarDate;
    readonly apsExpiry?: CalendarDate;
    /** APS-14 [I]: when silence on the filed APS could read as an implicit refusal. */
    readonly apsImplicitRefusalOn?: CalendarDate;
    readonly observationsDeadline?: CalendarDate;
    /** PSP-15: last day to challenge the latest adverse decision (CJA R.421-1). */
    readonly appealUntil?: CalendarDate;
    /** T17 / APS-12: the post-PSP residence review, opened by itself at completion, is due by then. */
    readonly postPspReview?: CalendarDate;
  };
  readonly plannedActions: readonly string[];
  readonly outcomes?: { readonly training: boolean; readonly job: boolean; readonly housing: boolean };
  readonly warnings: readonly RuleWarning[];
}

function statusAndStage(value: unknown): { status: string; stage?: string } {
  if (typeof value === 'string') return { status: value };
  const [status, stage] = Object.entries(value as Record<string, unknown>)[0];
  return { status, stage: typeof stage === 'string' ? stage : undefined };
}

/**
 * The PD-1 status of a state, as `caseView(state).status` gives it, without computing the rest of
 * the view (rights, deadlines): for code that needs the status of every state it sees.
 */
export function caseStatus(state: PspCaseState): string {
  return statusAndStage((state.value as { status: unknown }).status).status;
}

/** APS states from which it can still expire (APS-05): only there is its last day a deadline. */
const APS_RUNNING: ReadonlySet<string> = new Set(['issued', 'renewal_filed', 'renewed']);

/** The case as handlers and the deadline projection see it; computed from the state only. */
export function caseView(state: PspCaseState): CaseView {
  const c = state.context;
  const value = state.value as { status: unknown; aps: string; afis: string };
  const { status, stage } = statusAndStage(value.status);
  const last = c.periods[c.periods.length - 1];
  const capMonths = valueOn(
    'cumulativeCapMonths',
    c.params.cumulativeCapMonths,
    last?.start ?? c.openedOn ?? '2016-04-15',
  );
  const all = personPeriods(c);
  const left = rightsLeft(all, c.params) ?? { months: capMonths, days: 0 };
  const rightsOpen = last !== undefined && c.rightsEndedOn === undefined;
  const authorisedOn = c.decisions.find(
    (d) => d.kind === 'authorised' || d.kind === 'court_order',
  )?.decisionDate;
  const adverse = [...c.decisions].reverse().find((d) => d.kind === 'refused' || d.kind === 'not_renewed');
  // CJA R.421-5: the two-month limit runs only if the notified decision stated the routes of appeal.
  const appealFrom = adverse?.appealRoutesStated === false ? undefined : adverse?.notifiedOn;

  return {
    status,
    stage,
    periods: c.periods.map(({ index, kind, start, end, plannedEnd, shortened, stoppedOn }) => ({
      index,
      kind,
      start,
      end,
      plannedEnd,
      shortened,
      ...(stoppedOn ? { stoppedOn } : {}),
    })),
    rights: {
      capMonths,
      used: rightsUsed(c.periods),
      usedDays: daysWithRights(c.periods),
      personUsed: rightsUsed(all),
      left,
      finalPeriod: c.periods.length > 0 && isFinalPeriod(all, c.params),
      ...(c.rightsEndedOn ? { rightsEndedOn: c.rightsEndedOn } : {}),
      hardshipPresumed: rightsOpen,
    },
    aps: {
      status: value.aps,
      validFrom: c.aps.validFrom,
      validTo: c.aps.validTo,
      workAllowed: c.aps.workAllowed,
      daysFromAuthorisationToAps:
        authorisedOn && c.aps.issuedOn ? daysBetween(authorisedOn, c.aps.issuedOn) : undefined,
    },
    afis: {
      status: value.afis,
      monthlyAmountCents: c.afis.monthlyAmountCents,
      endsOn: c.afis.endsOn,
      endReason: c.afis.endReason,
    },
    deadlines: {
      periodEnd: rightsOpen ? last.end : undefined,
      capDate: rightsOpen ? capEnd(last.start, all.slice(0, -1), c.params) : undefined,
      // APS-05: a deadline while the APS runs; once expired (or never issued) nothing is due.
      apsExpiry: APS_RUNNING.has(value.aps) ? c.aps.validTo : undefined,
      apsImplicitRefusalOn:
        value.aps === 'filed' && c.aps.filedOn
          ? addMonths(c.aps.filedOn, valueOn('apsSilenceMonths', c.params.apsSilenceMonths, c.aps.filedOn))
          : undefined,
      observationsDeadline: c.nonRenewal?.observationsDeadline,
      appealUntil: appealFrom
        ? addMonths(appealFrom, valueOn('appealMonths', c.params.appealMonths, appealFrom))
        : undefined,
      postPspReview:
        value.aps === 'post_psp_review' && c.aps.postPspReviewOpenedOn
          ? lastDayOfMonthsFrom(
              c.aps.postPspReviewOpenedOn,
              valueOn('postPspReviewMonths', c.params.postPspReviewMonths, c.aps.postPspReviewOpenedOn),
            )
          : undefined,
    },
    plannedActions: c.plannedActions,
    outcomes: c.outcomes,
    warnings: c.warnings,
  };
}
