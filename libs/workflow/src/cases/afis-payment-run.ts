import { EventStore } from '@psp/event-store';
import { CalendarDate, RuleViolation, dateOf, firstDayOfNextMonth } from '@psp/legal-kernel';
import {
  AfisPaymentLine,
  EVENT_SCHEMA_VERSIONS,
  PspCaseEvent,
  afisPaymentDue,
  afisSchedule,
  decide,
  isCalendarMonth,
} from '@psp/psp-case';
import { Actor } from '@psp/security';
import { CommandRefusedError, StreamNotFoundError } from '../command/command-errors';
import { executeCommand } from '../command/execute-command';
import { ForbiddenCommandError, caseInScope } from './case-access';
import { Clock } from './case-command-handler';
import { caseAggregate, caseStreamId } from './case-stream';

/** The cases of a département that have, or had, an AFIS (from the case list view, or any source). */
export interface AfisBeneficiaries {
  casesWithAfis(departement: string): Promise<readonly string[]>;
}

/** What the run did for one beneficiary (a case's person). */
export interface AfisPaymentOutcome {
  readonly caseId: string;
  /** `paid` now; `already_paid` by an earlier run for this month; `nothing_due`; `refused` (rule named). */
  readonly result: 'paid' | 'already_paid' | 'nothing_due' | 'refused';
  readonly lines: readonly AfisPaymentLine[];
  readonly totalCents: number;
  /** Months before the run month paid now (arrears). */
  readonly arrearsCents: number;
  /** Paid beyond what is due, shown and never offset (L.121-9; section 9, Q9). */
  readonly overpaidCents: number;
  readonly violations?: readonly RuleViolation[];
}

export interface AfisPaymentRunResult {
  readonly departement: string;
  readonly runMonth: string;
  readonly paidOn: CalendarDate;
  readonly beneficiaries: readonly AfisPaymentOutcome[];
  /** Paid by this run (not by earlier ones). */
  readonly totalPaidCents: number;
}

export class AfisPaymentRunError extends Error {
  readonly code = 'AFIS_PAYMENT_RUN';
  constructor(readonly violation: RuleViolation) {
    super(`${violation.rule}: ${violation.message}`);
    this.name = 'AfisPaymentRunError';
  }
}

/**
 * D.121-12-15 / D.121-12-16: the paying body's monthly run for one département. For each
 * beneficiary it appends one `AfisPaymentMade` with what the case machine says is due up to the run
 * month (that month, and earlier unpaid months as arrears). Idempotent per beneficiary and month:
 * the command id is derived from the case and the month, so a second run answers the first one and
 * writes nothing; the machine refuses a second payment for the same month anyway.
 */
export class AfisPaymentRun {
  constructor(
    private readonly store: EventStore,
    private readonly beneficiaries: AfisBeneficiaries,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async run(actor: Actor, runMonth: string): Promise<AfisPaymentRunResult> {
    if (actor.role !== 'afis_payer' && actor.role !== 'system')
      throw new ForbiddenCommandError(actor.role, ['afis_payer', 'system']);
    if (!actor.departement) {
      throw new AfisPaymentRunError({ rule: 'D.121-12-15', message: 'a payment run is for one département' });
    }
    if (!isCalendarMonth(runMonth)) {
      throw new AfisPaymentRunError({ rule: 'D.121-12-16', message: 'the run month must be YYYY-MM' });
    }
    const paidOn = dateOf(this.clock().toISOString());
    if (paidOn < firstDayOfNextMonth(`${runMonth}-01`)) {
      throw new AfisPaymentRunError({
        rule: 'D.121-12-16',
        message: `the AFIS is paid in arrears: the run for ${runMonth} cannot happen before it ends`,
      });
    }
    const departement = actor.departement;
    const caseIds = [...(await this.beneficiaries.casesWithAfis(departement))].sort();
    const outcomes: AfisPaymentOutcome[] = [];
    for (const caseId of caseIds) outcomes.push(await this.pay(actor, caseId, runMonth, paidOn));
    return {
      departement,
      runMonth,
      paidOn,
      beneficiaries: outcomes,
      totalPaidCents: outcomes.filter((o) => o.result === 'paid').reduce((sum, o) => sum + o.totalCents, 0),
    };
  }

  private async pay(
    actor: Actor,
    caseId: string,
    runMonth: string,
    paidOn: CalendarDate,
  ): Promise<AfisPaymentOutcome> {
    let lines: readonly AfisPaymentLine[] = [];
    let overpaidCents = 0;
    const summary = (result: AfisPaymentOutcome['result'], violations?: readonly RuleViolation[]) => {
      const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
      const arrearsCents = lines.filter((l) => l.month < runMonth).reduce((sum, l) => sum + l.amountCents, 0);
      return {
        caseId,
        result,
        lines,
        totalCents,
        arrearsCents,
        overpaidCents,
        ...(violations ? { violations } : {}),
      };
    };
    try {
      const outcome = await executeCommand(
        this.store,
        caseAggregate,
        caseStreamId(caseId),
        {
          commandId: `afis-payment:${caseId}:${runMonth}`,
          actor: { id: actor.subject, role: actor.role },
        },
        ({ state }) => {
          if (!caseInScope(actor, state.context)) throw new StreamNotFoundError(caseStreamId(caseId));
          lines = afisPaymentDue(state.context, runMonth);
          overpaidCents = afisSchedule(state.context)
            .filter((m) => m.month <= runMonth)
            .reduce((sum, m) => sum + m.overpaidCents, 0);
          const already = (state.context.afis.payments ?? []).find((p) => p.runMonth === runMonth);
          if (already) {
            lines = already.lines;
            return { accepted: true, events: [] };
          }
          if (lines.length === 0) return { accepted: true, events: [] };
          const event = {
            type: 'AfisPaymentMade',
            schemaVersion: EVENT_SCHEMA_VERSIONS.AfisPaymentMade,
            data: { runMonth, paidOn, lines },
          } as PspCaseEvent;
          const decision = decide(state, event);
          if (!decision.accepted) return { accepted: false, violations: decision.violations };
          return { accepted: true, events: [{ ...event, occurredAt: this.clock().toISOString() }] };
        },
        { mode: 'update' },
      );
      if (outcome.replayed) {
        const state = caseAggregate.fold(await this.store.readStream(caseStreamId(caseId)));
        lines = (state.context.afis.payments ?? []).find((p) => p.runMonth === runMonth)?.lines ?? [];
        return summary('already_paid');
      }
      if (outcome.events.length === 0) return summary(lines.length > 0 ? 'already_paid' : 'nothing_due');
      return summary('paid');
    } catch (error) {
      if (error instanceof StreamNotFoundError)
        return summary('refused', [{ rule: 'D.121-12-15', message: 'the case is not in this département' }]);
      if (error instanceof CommandRefusedError) return summary('refused', error.violations);
      throw error;
    }
  }
}
