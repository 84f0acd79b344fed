import { Module } from '@nestjs/common';
import { AssociationsViewController } from './associations-view.controller';
import { CommissionAgendaController } from './commission-agenda.controller';
import { CommissionsViewController } from './commissions-view.controller';
import { DeadlinesViewController } from './deadlines-view.controller';
import { HandlerInboxController } from './handler-inbox.controller';

/**
 * Read views over the read-model database (`rv_*`, docs/read-views.md), under `/views/...`:
 * JSON, or CSV with `?format=csv` / `Accept: text/csv`; each scoped by role, deny by default.
 */
@Module({
  controllers: [
    HandlerInboxController,
    CommissionAgendaController,
    DeadlinesViewController,
    AssociationsViewController,
    CommissionsViewController,
  ],
})
export class ViewsModule {}
