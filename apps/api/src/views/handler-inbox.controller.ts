import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadModelDatabase } from '@psp/projections';
import { CASE_STATUSES } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { Clock } from '@psp/workflow';
import { scopeConditions } from '../cases/queries/list-cases.controller';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { CsvColumn } from '../infrastructure/csv';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import {
  SqlScope,
  ViewQuery,
  answer,
  daysFrom,
  forbiddenView,
  numberOrNull,
  todayOf,
  whereOf,
  ActiveVersions,
  requireViewVersion,
} from './view-support';
import { Answers } from '../openapi/answers.decorator';

/** Statuses after which a case has nothing left to handle. */
const CLOSED = ['completed', 'withdrawn', 'refused', 'not_renewed', 'closed'];

export class HandlerInboxQuery extends ViewQuery {
  /** One status (any status, closed ones included); without it the open cases. */
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: string;

  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/)
  stage?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

interface InboxRow {
  case_id: string;
  departement: string;
  association_id: string;
  status: string;
  stage: string | null;
  request_kind: string;
  period_index: number | string | null;
  period_end: string | null;
  used_months: number | string;
  used_month_days: number | string;
  cap_months: number | string;
  aps_status: string;
  aps_expiry: string | null;
  post_psp_review_due: string | null;
  next_session_id: string | null;
  next_sitting_on: string | null;
  file_number: string | null;
}

interface InboxItem {
  caseId: string;
  /** `69-2026-0042` (rv_file_numbers); null until the projector numbered the case. */
  fileNumber: string | null;
  departement: string;
  associationId: string;
  status: string;
  stage: string | null;
  requestType: string;
  periodIndex: number | null;
  periodEnd: string | null;
  daysToRenewal: number | null;
  monthsUsed: { months: number; days: number };
  capMonths: number;
  aps: string;
  apsExpiry: string | null;
  /** T17 / APS-12: the open post-PSP residence review of a completed case, due on this day. */
  postPspReviewDue: string | null;
  nextCommissionSession: { sessionId: string; sittingOn: string } | null;
}

const CSV_COLUMNS: CsvColumn<InboxItem>[] = [
  { header: 'case_id', value: (r) => r.caseId },
  { header: 'departement', value: (r) => r.departement },
  { header: 'association_id', value: (r) => r.associationId },
  { header: 'status', value: (r) => r.status },
  { header: 'stage', value: (r) => r.stage },
  { header: 'request_type', value: (r) => r.requestType },
  { header: 'period_index', value: (r) => r.periodIndex },
  { header: 'period_end', value: (r) => r.periodEnd },
  { header: 'days_to_renewal', value: (r) => r.daysToRenewal },
  { header: 'months_used', value: (r) => r.monthsUsed.months },
  { header: 'months_used_days', value: (r) => r.monthsUsed.days },
  { header: 'cap_months', value: (r) => r.capMonths },
  { header: 'aps_status', value: (r) => r.aps },
  { header: 'aps_expiry', value: (r) => r.apsExpiry },
  { header: 'post_psp_review_due', value: (r) => r.postPspReviewDue },
  { header: 'next_session_id', value: (r) => r.nextCommissionSession?.sessionId },
  { header: 'next_sitting_on', value: (r) => r.nextCommissionSession?.sittingOn },
];

/** The case scope of `GET /cases` (deny by default: analysts and commission members read no case). */
function caseScope(actor: Actor): SqlScope {
  try {
    return scopeConditions(actor);
  } catch {
    return forbiddenView(actor);
  }
}

/**
 * The handler's inbox (`rv_case_list` joined with `rv_commission_agenda_sessions`): cases by
 * status and stage, with the period end and days to renewal (DUR-01), months used of the cap
 * (PSP-06, DUR-02), the APS expiry (APS-05) and the next sitting of the département's commission
 * (COM-07). Days are counted from today at query time.
 */
@ApiTags('views')
@ApiBearerAuth('bearer')
@Controller('views/handler-inbox')
export class HandlerInboxController {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR) private readonly projector: ActiveVersions,
  ) {}

  @Get()
  @Answers('HandlerInbox', { csv: true })
  @ApiOperation({
    summary:
      'Cases in your scope by status and stage: period end, days to renewal, months used of 24, APS expiry, next commission sitting (JSON or CSV)',
  })
  async inbox(
    @Query() query: HandlerInboxQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const today = todayOf(this.clock);
    const { where, params } = caseScope(actor);
    await requireViewVersion(this.projector, 'case_list', 2);
    const conditions = where.map((condition) => `c.${condition}`);
    if (query.status) {
      conditions.push('c.status = ?');
      params.push(query.status);
    } else {
      // T17: a completed case stays in the inbox while its post-PSP residence review is open (APS-12)
      conditions.push(`(c.status NOT IN (${CLOSED.map(() => '?').join(', ')}) OR c.aps_status = ?)`);
      params.push(...CLOSED, 'post_psp_review');
    }
    if (query.stage) {
      conditions.push('c.stage = ?');
      params.push(query.stage);
    }
    const limit = query.limit ?? 200;
    const offset = query.offset ?? 0;
    const next = (column: string) => `(SELECT s.${column} FROM rv_commission_agenda_sessions s
        WHERE s.departement = c.departement AND s.status = 'convened' AND s.sitting_on >= ?
        ORDER BY s.sitting_on, s.session_id LIMIT 1)`;
    const rows = await this.db.all<InboxRow>(
      `SELECT c.case_id, c.departement, c.association_id, c.status, c.stage, c.request_kind, c.period_index,
              c.period_end, c.used_months, c.used_month_days, c.cap_months, c.aps_status, c.aps_expiry,
              (SELECT d.due_on FROM rv_deadlines d WHERE d.source = 'case' AND d.subject_id = c.case_id
                 AND d.kind = 'post_psp_review') AS post_psp_review_due,
              ${next('session_id')} AS next_session_id, ${next('sitting_on')} AS next_sitting_on,
              (SELECT f.file_number FROM rv_file_numbers f WHERE f.case_id = c.case_id) AS file_number
       FROM rv_case_list c ${whereOf(conditions)}
       ORDER BY c.status, c.stage, c.period_end, c.case_id LIMIT ? OFFSET ?`,
      [today, today, ...params, limit, offset],
    );
    const items = rows.map((r): InboxItem => ({
      caseId: r.case_id,
      fileNumber: r.file_number ?? null,
      departement: r.departement,
      associationId: r.association_id,
      status: r.status,
      stage: r.stage,
      requestType: r.request_kind,
      periodIndex: numberOrNull(r.period_index),
      periodEnd: r.period_end,
      daysToRenewal: daysFrom(today, r.period_end),
      monthsUsed: { months: Number(r.used_months), days: Number(r.used_month_days) },
      capMonths: Number(r.cap_months),
      aps: r.aps_status,
      apsExpiry: r.aps_expiry,
      postPspReviewDue: r.post_psp_review_due,
      nextCommissionSession:
        r.next_session_id && r.next_sitting_on
          ? { sessionId: r.next_session_id, sittingOn: r.next_sitting_on }
          : null,
    }));
    const counts = await this.db.all<{ status: string; stage: string | null; cases: number | string }>(
      `SELECT c.status, c.stage, count(*) AS cases FROM rv_case_list c ${whereOf(conditions)}
       GROUP BY c.status, c.stage ORDER BY c.status, c.stage`,
      params,
    );
    return answer(request, reply, { name: 'handler-inbox', columns: CSV_COLUMNS, rows: items }, () => ({
      today,
      byStatus: counts.map((r) => ({ status: r.status, stage: r.stage, cases: Number(r.cases) })),
      items,
      limit,
      offset,
    }));
  }
}
