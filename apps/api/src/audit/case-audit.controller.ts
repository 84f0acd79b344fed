import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { caseAsOf, caseHistory, parseAsOf } from '@psp/audit';
import { CurrentActor } from '../infrastructure/authentication';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { auditProblem, auditorOnly, onlyParameters } from './audit-problems';
import { Answers } from '../openapi/answers.decorator';

/**
 * Auditors replay a case: its full history (who, when, which command and rule), and its state
 * at any past moment or revision. Scoped by département like every case read (404 out of scope).
 */
@ApiTags('audit')
@ApiBearerAuth('bearer')
@Controller('cases')
export class CaseAuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':caseId/history')
  @Answers('CaseHistory', { description: 'the history, one entry per event, in revision order' })
  @ApiOperation({
    summary:
      'Auditors: every event of the case with its revision, type, recorded time, actor (role and opaque id), command, reasons and rule IDs; no personal data (the person is the opaque personRef)',
  })
  async history(
    @Param('caseId') caseId: string,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
  ) {
    auditorOnly(actor, caseId);
    onlyParameters(query, []);
    return caseHistory(this.store, caseId, actor);
  }

  @Get(':caseId/as-of')
  @Answers('CaseAsOf')
  @ApiOperation({
    summary:
      'Auditors: the case at a past point, replayed through the same fold and view as GET /cases/{id}: as recorded at a moment (?recordedAt=YYYY-MM-DD, the end of that day in UTC, or an ISO timestamp; ?date= is its older name), as the facts stood on a day whatever the day they were recorded (?effectiveOn=YYYY-MM-DD, business date: a back-dated decision counts from its own date), or at a revision (?revision=N). Exactly one.',
  })
  @ApiQuery({
    name: 'recordedAt',
    required: false,
    description: 'recording time: YYYY-MM-DD (end of day, UTC) or ISO timestamp with offset',
    schema: { type: 'string' },
  })
  @ApiQuery({
    name: 'effectiveOn',
    required: false,
    description: 'business date YYYY-MM-DD: the facts dated on or before it',
    schema: { type: 'string', format: 'date' },
  })
  @ApiQuery({
    name: 'date',
    required: false,
    description: 'older name of recordedAt (recording time)',
    schema: { type: 'string' },
  })
  @ApiQuery({
    name: 'revision',
    required: false,
    description: 'a revision of the case (0 = the opening)',
    schema: { type: 'string', pattern: '^[0-9]{1,9}$' },
  })
  async asOf(
    @Param('caseId') caseId: string,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
  ) {
    auditorOnly(actor, caseId);
    onlyParameters(query, ['date', 'recordedAt', 'effectiveOn', 'revision']);
    try {
      return await caseAsOf(this.store, caseId, actor, parseAsOf(query));
    } catch (error) {
      return auditProblem(error);
    }
  }
}
