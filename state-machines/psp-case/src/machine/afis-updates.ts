import { CalendarDate, addDays, firstDayOfNextMonth, minDate } from '@psp/legal-kernel';
import { PspCaseEvent } from '../events';
import { afisAmount, afisEndsFrom, dayAfterLastPeriod, periodCovering } from '../rules';
import { AfisContext, AfisEndReason, AfisGrant, PspCaseContext } from './context';

type AfisUpdate = (context: PspCaseContext, event: PspCaseEvent) => Partial<PspCaseContext>;
type EventOf<T extends PspCaseEvent['type']> = Extract<PspCaseEvent, { type: T }>;

function on<T extends PspCaseEvent['type']>(
  type: T,
  update: (context: PspCaseContext, event: EventOf<T>) => Partial<PspCaseContext>,
): AfisUpdate {
  return (context, event) => (event.type === type ? update(context, event as EventOf<T>) : {});
}

/** The AFIS stops on `endsOn` (first day without it): every grant is cut short the day before. */
function endAfis(afis: AfisContext, endsOn: CalendarDate, endReason: AfisEndReason): AfisContext {
  const lastDay = addDays(endsOn, -1);
  return {
    ...afis,
    endsOn,
    endReason,
    grants: (afis.grants ?? []).map((g) => (g.until > lastDay ? { ...g, until: lastDay } : g)),
  };
}

/** The children counted on `day` (the last count in force then). */
function childrenOn(afis: AfisContext, day: CalendarDate): number {
  let children = afis.dependentChildren;
  for (const count of afis.children ?? []) if (count.from <= day) children = count.children;
  return children;
}

function withGrant(context: PspCaseContext, grant: AfisGrant): AfisContext {
  const afis = context.afis;
  return {
    ...afis,
    grantedOn: grant.decisionDate,
    grants: [...(afis.grants ?? []), grant],
    monthlyAmountCents: afisAmount(
      childrenOn(afis, grant.from),
      grant.from,
      context.params,
      context.departement,
    ),
    endsOn: undefined,
    endReason: undefined,
    refusal: undefined,
  };
}

/**
 * The first day without PSP rights for an event that ends the parcours (completion, non-renewal,
 * interruption, lapse, withdrawal, closure): the event's date, never after the last period.
 */
function pspEndDate(context: PspCaseContext, event: PspCaseEvent): CalendarDate | undefined {
  const after = dayAfterLastPeriod(context.periods);
  const stated = (() => {
    switch (event.type) {
      case 'NonRenewalNotified':
        return event.data.notifiedOn;
      case 'Completed':
        return event.data.completedOn;
      case 'Interrupted':
        return event.data.interruptedOn;
      case 'Withdrawn':
        return event.data.withdrawnOn;
      case 'ClosedOther':
        return event.data.closedOn;
      case 'CapReached':
      case 'PeriodEnded':
        return after;
      default:
        return undefined;
    }
  })();
  if (stated === undefined) return after;
  return after !== undefined ? minDate(stated, after) : stated;
}

const END_REASONS: Partial<Record<PspCaseEvent['type'], AfisEndReason>> = {
  NonRenewalNotified: 'psp_not_renewed',
  Completed: 'psp_completed',
  CapReached: 'psp_completed',
  Interrupted: 'psp_interrupted',
  PeriodEnded: 'psp_lapsed',
  Withdrawn: 'psp_withdrawn',
  ClosedOther: 'psp_closed',
};

/** The context updates of the AFIS region (section 4.4), one named pure update each. */
export const AFIS_UPDATES = {
  requestAfis: on('AfisRequested', (c, e) => ({
    afis: {
      // A new request keeps the money's history (grants, children, payments, notices).
      grants: c.afis.grants,
      payments: c.afis.payments,
      seizureNotices: c.afis.seizureNotices,
      children: [
        ...(c.afis.children ?? []),
        { from: e.data.requestedOn, children: e.data.dependentChildren },
      ],
      dependentChildren: e.data.dependentChildren,
      request: e.data,
    },
  })),
  recordAfisOpinion: on('CommissionOpinionRecorded', (c, e) => ({
    afis: {
      ...c.afis,
      commissionOpinion: {
        opinion: e.data.opinion,
        recordedOn: e.data.recordedOn,
        sessionId: e.data.sessionId,
        itemId: e.data.itemId,
      },
    },
  })),
  /**
   * D.121-12-16: the first grant runs from the decision to the end of the PSP period then running,
   * or of the renewed period already granted after it (a renewal decided while the AFIS was instructed).
   */
  grantAfis: on('AfisGranted', (c, e) => {
    const period = periodCovering(c.periods, e.data.decisionDate);
    const last = c.periods[c.periods.length - 1];
    const until = period ? (last && last.start > period.end ? last.end : period.end) : e.data.decisionDate;
    return {
      afis: withGrant(c, {
        kind: 'initial',
        decisionDate: e.data.decisionDate,
        from: e.data.decisionDate,
        until,
      }),
    };
  }),
  /** D.121-12-16: a renewal's AFIS decision covers the renewed PSP period, from its start. */
  grantAfisRenewal: on('AfisGranted', (c, e) => {
    const period = c.periods[c.periods.length - 1];
    return {
      afis: withGrant(c, {
        kind: 'renewal',
        decisionDate: e.data.decisionDate,
        from: period.start,
        until: period.end,
      }),
    };
  }),
  refuseAfis: on('AfisRefused', (c, e) => ({
    afis: { ...c.afis, refusal: { decisionDate: e.data.decisionDate, reasons: e.data.reasons } },
  })),
  /** A refused renewal: the AFIS ends with the previous grant. */
  refuseAfisRenewal: on('AfisRefused', (c, e) => {
    const grants = c.afis.grants ?? [];
    const last = grants[grants.length - 1];
    const endsOn = last ? addDays(last.until, 1) : e.data.decisionDate;
    return {
      afis: {
        ...endAfis(c.afis, endsOn, 'renewal_refused'),
        refusal: { decisionDate: e.data.decisionDate, reasons: e.data.reasons },
      },
    };
  }),
  /** 4.4: a renewal opens a new AFIS decision cycle; the previous opinion does not count for it. */
  startAfisRenewalCheck: (c: PspCaseContext) => ({ afis: { ...c.afis, commissionOpinion: undefined } }),
  /**
   * D.121-12-17: the MSA sets the amount (the children counted from the month after its
   * re-examination) and reports on the conditions to the préfet; it never ends the aid.
   */
  reexamineAfis: on('AfisReexamined', (c, e) => ({
    afis: {
      ...c.afis,
      dependentChildren: e.data.dependentChildren,
      children: [
        ...(c.afis.children ?? []),
        { from: firstDayOfNextMonth(e.data.decisionDate), children: e.data.dependentChildren },
      ],
      monthlyAmountCents: afisAmount(
        e.data.dependentChildren,
        firstDayOfNextMonth(e.data.decisionDate),
        c.params,
        c.departement,
      ),
      msaReport: {
        on: e.data.decisionDate,
        conditionsStillMet: e.data.conditionsStillMet,
        findings: e.data.findings ?? [],
      },
    },
  })),
  /** Schema 1 read as recorded: a re-examination on renewal renewed the AFIS for the new period. */
  legacyRenewAfis: on('AfisReexamined', (c, e) => {
    const period = c.periods[c.periods.length - 1];
    const reexamined = AFIS_UPDATES.reexamineAfis(c, e).afis as AfisContext;
    return {
      afis: withGrant(
        { ...c, afis: reexamined },
        { kind: 'renewal', decisionDate: e.data.decisionDate, from: period.start, until: period.end },
      ),
    };
  }),
  /** Schema 1 read as recorded: conditions lost at re-examination ended the AFIS the next month. */
  endAfisConditionsLost: on('AfisReexamined', (c, e) => ({
    afis: endAfis(c.afis, afisEndsFrom(e.data.decisionDate), 'conditions_lost'),
  })),
  /** T20 / R.121-12-13-2: the préfet's end runs from the month after the decision. */
  endAfisByDecision: on('AfisEnded', (c, e) => ({
    afis: endAfis(c.afis, afisEndsFrom(e.data.decisionDate), e.data.reason),
  })),
  /** The end of the parcours ends the AFIS on the first day without PSP rights (R.121-12-10, D.121-12-16). */
  endAfisWithPsp: (c: PspCaseContext, e: PspCaseEvent) => {
    const endsOn = pspEndDate(c, e);
    const reason = END_REASONS[e.type];
    return endsOn && reason ? { afis: endAfis(c.afis, endsOn, reason) } : {};
  },
  recordAfisPayment: on('AfisPaymentMade', (c, e) => ({
    afis: {
      ...c.afis,
      payments: [
        ...(c.afis.payments ?? []),
        { runMonth: e.data.runMonth, paidOn: e.data.paidOn, lines: e.data.lines },
      ],
    },
  })),
  /** F9 / L.121-9: the notice is recorded as refused, with a warning naming the rule. */
  refuseSeizureNotice: on('AfisSeizureNoticeRefused', (c, e) => ({
    afis: {
      ...c.afis,
      seizureNotices: [
        ...(c.afis.seizureNotices ?? []),
        {
          receivedOn: e.data.receivedOn,
          kind: e.data.kind,
          creditor: e.data.creditor,
          refusedUnder: 'F9' as const,
        },
      ],
    },
    warnings: [
      ...c.warnings,
      {
        rule: 'F9',
        message: `the AFIS cannot be assigned or seized (incessible et insaisissable, L.121-9): the ${e.data.kind} notice of ${e.data.receivedOn} is refused and nothing is diverted from the beneficiary`,
      },
    ],
  })),
} satisfies Record<string, AfisUpdate>;
