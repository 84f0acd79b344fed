import { EventStore } from '@psp/event-store';
import { CalendarDate, addDays, dateOf } from '@psp/legal-kernel';
import { caseView } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { CommandRefusedError } from '../command/command-errors';
import { CaseCommandHandler, Clock } from '../cases/case-command-handler';
import { caseCommand } from '../cases/case-commands';
import { caseAggregate, caseStreamId } from '../cases/case-stream';
import { isCaseRecordPurged } from '../privacy/case-record-purged';

/** Where the scheduler finds the cases with a deadline that has passed (the case_list view). */
export interface DueCases {
  /** Ids of open cases whose next deadline is before `today`. */
  before(today: CalendarDate): Promise<string[]>;
}

export interface DeadlineOutcome {
  readonly caseId: string;
  readonly command: string;
  readonly on: CalendarDate;
  readonly revision: number;
}

const SYSTEM: Actor = { subject: 'deadline-scheduler', role: 'system' };

/**
 * Timers are data (ARCHITECTURE): deadlines live in a view computed from events, and this
 * scheduler issues the system command of each deadline that has passed. The command id is made
 * from the case, the command and the date, so two schedulers (or a restart) never write it twice;
 * the machine decides whether it applies (a renewal granted in time makes "period ended" refused).
 */
export class DeadlineScheduler {
  constructor(
    private readonly store: EventStore,
    private readonly handler: CaseCommandHandler,
    private readonly due: DueCases,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async runOnce(): Promise<DeadlineOutcome[]> {
    const today = dateOf(this.clock().toISOString());
    const outcomes: DeadlineOutcome[] = [];
    for (const caseId of await this.due.before(today)) {
      const events = await this.store.readStream(caseStreamId(caseId));
      if (events.length === 0 || isCaseRecordPurged(events[0])) continue;
      const view = caseView(caseAggregate.fold(events));
      const last = view.periods[view.periods.length - 1];
      const candidates: [string, CalendarDate | undefined, (on: CalendarDate) => Record<string, unknown>][] =
        [
          // T17 before T14: the final period ending completes the case; any other lapses it.
          ['reach-cap', view.deadlines.periodEnd, (on) => ({ reachedOn: on })],
          ['end-period', view.deadlines.periodEnd, (on) => ({ periodIndex: last?.index ?? 1, endedOn: on })],
          ['expire-aps', view.deadlines.apsExpiry, (on) => ({ expiredOn: on })],
        ];
      for (const [name, lastDay, data] of candidates) {
        // A deadline is the last day of a right: it has passed from the day after.
        if (lastDay === undefined || lastDay >= today) continue;
        const on = addDays(lastDay, 1);
        const outcome = await this.tryCommand(caseId, name, on, data(on));
        if (outcome) {
          outcomes.push(outcome);
          if (name !== 'expire-aps') break;
        }
      }
    }
    return outcomes;
  }

  private async tryCommand(
    caseId: string,
    name: string,
    on: CalendarDate,
    data: Record<string, unknown>,
  ): Promise<DeadlineOutcome | undefined> {
    try {
      const result = await this.handler.execute(caseCommand(name)!, caseId, data, {
        actor: SYSTEM,
        commandId: `deadline:${caseId}:${name}:${on}`,
      });
      // Already written (by an earlier run or another instance): nothing happened now, nothing to report.
      if (result.replayed) return undefined;
      return { caseId, command: name, on, revision: result.revision };
    } catch (error) {
      if (error instanceof CommandRefusedError) return undefined;
      throw error;
    }
  }
}
