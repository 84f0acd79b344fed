import { EventStore } from '@psp/event-store';
import { Projection } from '../projector/projection';
import { AfisPaymentsProjection } from './afis-payments.projection';
import { AssociationListProjection } from './association-list.projection';
import { CaseListProjection } from './case-list.projection';
import { CommissionAgendaProjection } from './commission-agenda.projection';
import { CommissionsProjection } from './commissions.projection';
import { DeadlinesProjection } from './deadlines.projection';
import { FileNumbersProjection } from './file-numbers.projection';
import { IndicatorFactsProjection } from './indicator-facts.projection';

/**
 * Every read view, in one list shared by the API's in-process projector, the standalone
 * projector (`npm run projector`) and the CLI's `rebuild`: add a new view here.
 */
export function allProjections(store: EventStore): Projection[] {
  return [
    new CaseListProjection(store),
    new AssociationListProjection(store),
    new IndicatorFactsProjection(store),
    new CommissionAgendaProjection(store),
    new CommissionsProjection(store),
    new DeadlinesProjection(store),
    new AfisPaymentsProjection(store),
    new FileNumbersProjection(),
  ];
}
