import { EventStore } from '@psp/event-store';
import { agrementDeadlines } from '@psp/association';
import { CalendarDate, addDays, dateOf } from '@psp/legal-kernel';
import { Actor } from '@psp/security';
import { CommandRefusedError } from '../command/command-errors';
import { Clock } from '../cases/case-command-handler';
import { AssociationCommandHandler } from '../registries/association-command-handler';
import { associationCommand } from '../registries/association-commands';
import { associationAggregate, associationStreamId } from '../registries/association-stream';

const PREFIX = 'psp-association-';
const SYSTEM: Actor = { subject: 'deadline-scheduler', role: 'system' };

/** Where the scheduler finds the associations (ids). */
export interface KnownAssociations {
  all(): Promise<string[]>;
}

/**
 * The association ids read from the whole global log, filtered by stream prefix: for tests and
 * small stores only. The API and the CLI pass the association_list view (AssociationListDue).
 */
export class AssociationsInLog implements KnownAssociations {
  constructor(private readonly store: EventStore) {}

  async all(): Promise<string[]> {
    const events = await this.store.readAll();
    return [
      ...new Set(
        events.filter((e) => e.streamId.startsWith(PREFIX)).map((e) => e.streamId.slice(PREFIX.length)),
      ),
    ];
  }
}

export interface RegistryDeadlineOutcome {
  readonly associationId: string;
  readonly command: string;
  readonly on: CalendarDate;
  readonly revision: number;
}

/**
 * Timers are data for the agrément too: given today, issues `FileDeemedComplete` (AGR-04, 2 months
 * without a request for documents), `AgrementGrantedBySilence` (AGR-05, 4 months of silence on the
 * complete file) and `AgrementExpired` (AGR-06) for each association whose deadline passed, read
 * from `agrementDeadlines`. The command id `deadline:<stream>:<command>:<date>` makes a rerun, a
 * restart or a second scheduler write nothing twice; the machine decides whether it still applies.
 */
export class RegistryDeadlineScheduler {
  constructor(
    private readonly store: EventStore,
    private readonly handler: AssociationCommandHandler,
    private readonly associations: KnownAssociations,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async runOnce(): Promise<RegistryDeadlineOutcome[]> {
    const today = dateOf(this.clock().toISOString());
    const outcomes: RegistryDeadlineOutcome[] = [];
    for (const associationId of await this.associations.all()) {
      // Each step may open the next one (deemed complete, then silence): re-read after each.
      for (let step = 0; step < 3; step += 1) {
        const outcome = await this.nextDue(associationId, today);
        if (!outcome) break;
        outcomes.push(outcome);
      }
    }
    return outcomes;
  }

  private async nextDue(
    associationId: string,
    today: CalendarDate,
  ): Promise<RegistryDeadlineOutcome | undefined> {
    const events = await this.store.readStream(associationStreamId(associationId));
    if (events.length === 0) return undefined;
    const deadlines = agrementDeadlines(associationAggregate.fold(events));
    const candidates: [string, CalendarDate | undefined][] = [
      // AGR-04: the last day to ask for documents has passed from the day after.
      ['deem-file-complete', deadlines.completenessDeadline && addDays(deadlines.completenessDeadline, 1)],
      // AGR-05 and AGR-06: these dates are the days the event falls due.
      ['grant-by-silence', deadlines.silenceDeadline],
      ['expire', deadlines.expiresOn],
    ];
    for (const [name, dueOn] of candidates) {
      if (dueOn === undefined || dueOn > today) continue;
      const outcome = await this.tryCommand(associationId, name, dueOn);
      if (outcome) return outcome;
    }
    return undefined;
  }

  private async tryCommand(
    associationId: string,
    name: string,
    on: CalendarDate,
  ): Promise<RegistryDeadlineOutcome | undefined> {
    try {
      const result = await this.handler.execute(
        associationCommand(name)!,
        associationId,
        { on },
        { actor: SYSTEM, commandId: `deadline:${associationStreamId(associationId)}:${name}:${on}` },
      );
      return result.replayed ? undefined : { associationId, command: name, on, revision: result.revision };
    } catch (error) {
      if (error instanceof CommandRefusedError) return undefined;
      throw error;
    }
  }
}
