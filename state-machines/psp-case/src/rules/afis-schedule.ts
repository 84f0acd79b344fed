import {
  CalendarDate,
  RuleResult,
  addDays,
  allOf,
  daysInMonth,
  firstDayOfNextMonth,
  maxDate,
  minDate,
  satisfied,
  violation,
} from '@psp/legal-kernel';
import { AfisPaymentLine, AfisPaymentMade } from '../events';
import { AfisContext, PspCaseContext } from '../machine/context';
import { afisAmount, afisScaleBasis } from './afis-rules';

/** A calendar month, `YYYY-MM`. */
export type CalendarMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isCalendarMonth(value: unknown): value is CalendarMonth {
  return typeof value === 'string' && MONTH.test(value);
}

export function monthOf(date: CalendarDate): CalendarMonth {
  return date.slice(0, 7);
}

function firstDayOf(month: CalendarMonth): CalendarDate {
  return `${month}-01`;
}

function lastDayOf(month: CalendarMonth): CalendarDate {
  return addDays(firstDayOfNextMonth(firstDayOf(month)), -1);
}

function nextMonth(month: CalendarMonth): CalendarMonth {
  return monthOf(firstDayOfNextMonth(firstDayOf(month)));
}

function dayCount(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** One month of a beneficiary's AFIS: what is due, what was paid, and the difference. */
export interface AfisMonth {
  readonly month: CalendarMonth;
  /** Days of the month the AFIS is due (ADR-0013: a partial month is prorated by days). */
  readonly days: number;
  readonly daysInMonth: number;
  /** D.121-12-14: dependent children counted for the month. */
  readonly children: number;
  /** The full monthly lump sum for the month (the scale in force on its first day due). */
  readonly monthlyAmountCents: number;
  /** Why: the text that sets that scale (`D.121-12-14, décret 2022-1340`). */
  readonly basis: string;
  readonly dueCents: number;
  /** D.121-12-16: paid in arrears, from the first day of the next month. */
  readonly payableFrom: CalendarDate;
  readonly paidCents: number;
  /** Due and not paid yet (once payable: arrears). */
  readonly unpaidCents: number;
  /** Paid beyond what is due (e.g. an end recorded after the payment); shown, never offset (L.121-9). */
  readonly overpaidCents: number;
}

/** D.121-12-14: the children counted on `day`: the last count in force then. */
function childrenOn(afis: AfisContext, day: CalendarDate): number {
  const counts = afis.children ?? [];
  let children = counts[0]?.children ?? afis.dependentChildren;
  for (const count of counts) if (count.from <= day) children = count.children;
  return children;
}

/** The days of `month` the AFIS is due: the union of its grants, each from its start to its last day. */
function dueDays(afis: AfisContext, month: CalendarMonth): { days: number; firstDay?: CalendarDate } {
  const start = firstDayOf(month);
  const end = lastDayOf(month);
  let days = 0;
  let firstDay: CalendarDate | undefined;
  for (const grant of afis.grants ?? []) {
    const from = maxDate(grant.from, start);
    const to = minDate(grant.until, end);
    if (from > to) continue;
    days += dayCount(from, to);
    firstDay = firstDay === undefined ? from : minDate(firstDay, from);
  }
  return { days, firstDay };
}

function paidIn(afis: AfisContext, month: CalendarMonth): number {
  let paid = 0;
  for (const payment of afis.payments ?? []) {
    for (const line of payment.lines) if (line.month === month) paid += line.amountCents;
  }
  return paid;
}

/**
 * The beneficiary's AFIS month by month, computed from the events only (no clock): each month the
 * grants cover, at the scale in force that month (D.121-12-14; D.541-2-1 in Mayotte) for the
 * children counted that month, prorated by days when only part of it is due (ADR-0013), with what
 * the paying body paid (D.121-12-15). A revaluation reaches every month from its effective date.
 */
export function afisSchedule(context: PspCaseContext): readonly AfisMonth[] {
  const afis = context.afis;
  // A grant that ends before it starts adds no day (`dueDays`) and a month with nothing due nor paid
  // is left out, so such a grant needs no filtering here.
  const grants = afis.grants ?? [];
  const paidMonths = (afis.payments ?? []).flatMap((p) => p.lines.map((l) => l.month));
  const firsts = [...grants.map((g) => monthOf(g.from)), ...paidMonths].sort();
  const lasts = [...grants.map((g) => monthOf(g.until)), ...paidMonths].sort();
  if (firsts.length === 0) return [];
  const months: AfisMonth[] = [];
  for (let month = firsts[0]; month <= lasts[lasts.length - 1]; month = nextMonth(month)) {
    const { days, firstDay } = dueDays(afis, month);
    const paidCents = paidIn(afis, month);
    if (days === 0 && paidCents === 0) continue;
    const [year, m] = month.split('-').map(Number);
    const inMonth = daysInMonth(year, m);
    const reference = firstDay ?? firstDayOf(month);
    const children = childrenOn(afis, reference);
    const monthlyAmountCents =
      days === 0 ? 0 : afisAmount(children, reference, context.params, context.departement);
    // A whole month is the monthly amount itself: (amount × days) / days is exact for whole cents.
    const dueCents = Math.round((monthlyAmountCents * days) / inMonth);
    months.push({
      month,
      days,
      daysInMonth: inMonth,
      children,
      monthlyAmountCents,
      basis: days === 0 ? '' : afisScaleBasis(reference, context.params, context.departement),
      dueCents,
      payableFrom: firstDayOfNextMonth(firstDayOf(month)),
      paidCents,
      unpaidCents: Math.max(0, dueCents - paidCents),
      overpaidCents: Math.max(0, paidCents - dueCents),
    });
  }
  return months;
}

/**
 * D.121-12-15 / D.121-12-16: what the run for `runMonth` pays the beneficiary: every month up to
 * `runMonth` with an unpaid remainder (that month, and earlier months as arrears). Overpayments are
 * never deducted: the aid cannot be seized, and offsetting is not in the texts (section 9, Q9).
 */
export function afisPaymentDue(context: PspCaseContext, runMonth: CalendarMonth): AfisPaymentLine[] {
  return afisSchedule(context)
    .filter((m) => m.month <= runMonth && m.unpaidCents > 0)
    .map((m) => ({ month: m.month, amountCents: m.unpaidCents }));
}

/**
 * A payment is lawful when it is paid in arrears (D.121-12-16: not before the month ends), once per
 * beneficiary and run month (a second run pays nothing), and exactly what is due (D.121-12-15).
 */
export function afisPaymentLawful(context: PspCaseContext, event: AfisPaymentMade): RuleResult {
  const { runMonth, paidOn, lines } = event.data;
  if (!isCalendarMonth(runMonth))
    return violation('D.121-12-16', 'the run month must be YYYY-MM', 'runMonth');
  if ((context.afis.payments ?? []).some((p) => p.runMonth === runMonth)) {
    return violation('D.121-12-16', `the AFIS of ${runMonth} was already paid to this beneficiary`);
  }
  if (paidOn < firstDayOfNextMonth(firstDayOf(runMonth))) {
    return violation('D.121-12-16', `the AFIS is paid in arrears: ${runMonth} cannot be paid before it ends`);
  }
  const due = afisPaymentDue(context, runMonth);
  const same =
    due.length === lines.length &&
    due.every((d, i) => d.month === lines[i].month && d.amountCents === lines[i].amountCents);
  return allOf(
    due.length === 0
      ? violation('D.121-12-15', `nothing is due to this beneficiary up to ${runMonth}`)
      : satisfied,
    due.length > 0 && !same
      ? violation(
          'D.121-12-15',
          'the payment lines must be exactly the amounts due (see the payment schedule)',
          'lines',
        )
      : satisfied,
  );
}
