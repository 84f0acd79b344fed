import { EventStore } from '@psp/event-store';
import { isAgrementValidFor } from '@psp/association';
import { opinionsOf } from '@psp/commission';
import { CalendarDate } from '@psp/legal-kernel';
import { CommissionOpinionFact, RegistryFacts } from '../cases/registry-facts';
import { associationAggregate, associationStreamId } from './association-stream';
import { commissionSessionStreamId, sessionAggregate } from './commission-streams';

/** Registry facts read from the registries' own streams, folded through their machines (PD-3). */
export class StoreRegistryFacts implements RegistryFacts {
  constructor(private readonly store: EventStore) {}

  async agrementValid(associationId: string, departement: string, on: CalendarDate): Promise<boolean> {
    const events = await this.store.readStream(associationStreamId(associationId));
    if (events.length === 0) return false;
    return isAgrementValidFor(associationAggregate.fold(events), departement, on).length === 0;
  }

  async commissionOpinion(sessionId: string, itemId: string): Promise<CommissionOpinionFact | undefined> {
    const events = await this.store.readStream(commissionSessionStreamId(sessionId));
    if (events.length === 0) return undefined;
    const session = sessionAggregate.fold(events);
    const opinion = opinionsOf(session).find((o) => o.itemId === itemId);
    if (!opinion || !session.context.departement) return undefined;
    return {
      caseId: opinion.caseId,
      departement: session.context.departement,
      kind: opinion.kind,
      opinion: opinion.opinion,
      quorumMet: opinion.quorumMet,
      recusalsApplied: opinion.recusalsApplied,
      decidedOn: opinion.decidedOn,
    };
  }
}
