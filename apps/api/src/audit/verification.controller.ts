import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@psp/event-store';
import { ReadModelDatabase } from '@psp/projections';
import { Actor } from '@psp/security';
import { DigestLog, verifyCaseViews, verifyLog } from '@psp/audit';
import { CurrentActor } from '../infrastructure/authentication';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { problem } from '../infrastructure/problem-details';
import { READ_MODEL } from '../projections/read-model.provider';
import { DIGEST_LOG } from './audit-tokens';
import { auditorOnly, onlyParameters } from './audit-problems';
import { Answers } from '../openapi/answers.decorator';

/** National auditors check the whole log: hash chains, digests, machine versions and the case_list view. */
@ApiTags('audit')
@ApiBearerAuth('bearer')
@Controller('audit')
export class VerificationController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(DIGEST_LOG) private readonly digests: DigestLog,
  ) {}

  @Get('verification')
  @Answers('Verification')
  @ApiOperation({
    summary:
      'National auditors: verifies every stream hash chain and the digests, re-folds every case with the machine version that wrote it and compares it with rv_case_list; names every altered, removed or reordered event',
  })
  async verify(@Query() query: Record<string, unknown>, @CurrentActor() actor: Actor) {
    auditorOnly(actor);
    onlyParameters(query, []);
    if (actor.departement !== undefined) {
      throw new RequestProblem(
        problem(403, 'forbidden', 'Forbidden', {
          detail: 'the whole-log verification is for national auditors',
        }),
      );
    }
    const log = await verifyLog(this.store, this.digests);
    const views = await verifyCaseViews(this.store, this.db, log.streamIds);
    const findings = [...log.findings, ...views.findings];
    return {
      ok: findings.length === 0,
      events: log.events,
      streams: log.streams,
      digests: log.digests,
      undigestedEvents: log.undigestedEvents,
      casesCompared: views.cases - views.skipped,
      casesSkipped: views.skipped,
      findings,
    };
  }
}
