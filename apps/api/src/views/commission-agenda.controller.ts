import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadModelDatabase, SqlValue } from '@psp/projections';
import { Actor } from '@psp/security';
import { Clock } from '@psp/workflow';
import { IsCalendarDate } from '../cases/commands/calendar-date.validator';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { CsvColumn } from '../infrastructure/csv';
import { notFound, recordIdOr404 } from '../infrastructure/record-id';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import {
  ViewQuery,
  answer,
  commissionScope,
  forbiddenView,
  idList,
  numberOrNull,
  todayOf,
  whereOf,
  ActiveVersions,
  requireViewVersion,
} from './view-support';
import { Answers } from '../openapi/answers.decorator';

export class CommissionAgendaQuery extends ViewQuery {
  /** Sittings on or after this date (default: today). */
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  /** Sittings on or before this date. */
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @IsOptional()
  @IsIn(['convened', 'sitting', 'closed', 'cancelled'])
  status?: string;
}

interface SessionRow {
  session_id: string;
  commission_id: string;
  departement: string;
  status: string;
  convened_on: string | null;
  sitting_on: string | null;
  urgency: number | string;
  notice_respected: number | string;
}

/** An agenda item joined with the minimised case summary (never `person_ref`, never a name). */
interface ItemRow {
  session_id: string;
  item_id: string;
  kind: string;
  request_type: string | null;
  case_id: string | null;
  instructing_association_id: string | null;
  subject: string | null;
  acl01_recused: string;
  acl02_recused: string;
  acl03_recused: string;
  deliberated: number | string;
  postponed: number | string;
  outcome: string | null;
  case_status: string | null;
  case_stage: string | null;
  period_index: number | string | null;
  period_end: string | null;
  used_months: number | string | null;
  used_month_days: number | string | null;
  left_months: number | string | null;
  left_days: number | string | null;
}

interface FlatItem {
  session: SessionRow;
  item: ItemRow;
}

const CSV_COLUMNS: CsvColumn<FlatItem>[] = [
  { header: 'session_id', value: (r) => r.session.session_id },
  { header: 'departement', value: (r) => r.session.departement },
  { header: 'sitting_on', value: (r) => r.session.sitting_on },
  { header: 'session_status', value: (r) => r.session.status },
  { header: 'item_id', value: (r) => r.item.item_id },
  { header: 'kind', value: (r) => r.item.kind },
  { header: 'request_type', value: (r) => r.item.request_type },
  { header: 'subject', value: (r) => r.item.subject },
  { header: 'case_id', value: (r) => r.item.case_id },
  { header: 'instructing_association_id', value: (r) => r.item.instructing_association_id },
  { header: 'case_status', value: (r) => r.item.case_status },
  { header: 'case_stage', value: (r) => r.item.case_stage },
  { header: 'period_index', value: (r) => numberOrNull(r.item.period_index) },
  { header: 'period_end', value: (r) => r.item.period_end },
  { header: 'months_used', value: (r) => numberOrNull(r.item.used_months) },
  { header: 'acl01_recused', value: (r) => idList(r.item.acl01_recused).join(' ') },
  { header: 'acl02_recused', value: (r) => idList(r.item.acl02_recused).join(' ') },
  { header: 'acl03_recused', value: (r) => idList(r.item.acl03_recused).join(' ') },
  { header: 'deliberated', value: (r) => Number(r.item.deliberated) === 1 },
  { header: 'outcome', value: (r) => r.item.outcome },
];

function itemJson(r: ItemRow) {
  const acl01 = idList(r.acl01_recused);
  const acl02 = idList(r.acl02_recused);
  const acl03 = idList(r.acl03_recused);
  return {
    itemId: r.item_id,
    kind: r.kind,
    ...(r.subject !== null ? { subject: r.subject } : {}),
    recusals: {
      /** ACL-01: the instructing association's representative does not sit. */
      instructingAssociation: acl01,
      /** ACL-02: members who declared a personal interest. */
      declaredInterest: acl02,
      /** ACL-03: members who never attend individual files. */
      individualFilesExcluded: acl03,
    },
    recusalFlags: { 'ACL-01': acl01.length > 0, 'ACL-02': acl02.length > 0, 'ACL-03': acl03.length > 0 },
    deliberated: Number(r.deliberated) === 1,
    postponed: Number(r.postponed) === 1,
    outcome: r.outcome,
    case:
      r.case_id === null
        ? null
        : {
            caseId: r.case_id,
            requestType: r.request_type,
            instructingAssociationId: r.instructing_association_id,
            status: r.case_status,
            stage: r.case_stage,
            periodIndex: numberOrNull(r.period_index),
            periodEnd: r.period_end,
            monthsUsed:
              r.used_months === null
                ? null
                : { months: Number(r.used_months), days: Number(r.used_month_days) },
            rightsLeft:
              r.left_months === null ? null : { months: Number(r.left_months), days: Number(r.left_days) },
          },
  };
}

/**
 * The commission's agenda (`rv_commission_agenda_*` joined with `rv_case_list`): sittings with
 * their items, recusal flags (ACL-01, ACL-02, ACL-03) and a minimised case summary: ids, status,
 * request type, instructing association and period figures; no person, no health or social data.
 * Read by the préfecture, the secretariat and auditors of the département (COM-07); 404 out of scope.
 */
@ApiTags('views')
@ApiBearerAuth('bearer')
@Controller('views/commission-agenda')
export class CommissionAgendaController {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR) private readonly projector: ActiveVersions,
  ) {}

  @Get()
  @Answers('CommissionAgenda', { csv: true })
  @ApiOperation({
    summary:
      'Sittings of your commission from a date (default today) with their items, recusal flags and minimised case summaries (JSON or CSV)',
  })
  async list(
    @Query() query: CommissionAgendaQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = commissionScope(actor, 's.departement') ?? forbiddenView(actor);
    const from = query.from ?? todayOf(this.clock);
    const conditions = [...scope.where, 's.sitting_on >= ?'];
    const params = [...scope.params, from];
    if (query.to) {
      conditions.push('s.sitting_on <= ?');
      params.push(query.to);
    }
    if (query.status) {
      conditions.push('s.status = ?');
      params.push(query.status);
    }
    return this.agenda(request, reply, conditions, params, { from, ...(query.to ? { to: query.to } : {}) });
  }

  @Get(':sessionId')
  @Answers('CommissionAgenda', { csv: true })
  @ApiOperation({ summary: 'One sitting of your commission with its agenda (JSON or CSV); 404 out of scope' })
  async one(
    @Param('sessionId') sessionId: string,
    @Query() _query: ViewQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    recordIdOr404(sessionId);
    const scope = commissionScope(actor, 's.departement');
    if (!scope) throw notFound();
    const found = await this.db.all<{ n: number | string }>(
      `SELECT count(*) AS n FROM rv_commission_agenda_sessions s ${whereOf([...scope.where, 's.session_id = ?'])}`,
      [...scope.params, sessionId],
    );
    if (Number(found[0]?.n ?? 0) === 0) throw notFound();
    return this.agenda(
      request,
      reply,
      [...scope.where, 's.session_id = ?'],
      [...scope.params, sessionId],
      {},
    );
  }

  private async agenda(
    request: FastifyRequest,
    reply: FastifyReply,
    conditions: string[],
    params: SqlValue[],
    echo: Record<string, string>,
  ) {
    await requireViewVersion(this.projector, 'case_list', 2);

    const sessions = await this.db.all<SessionRow>(
      `SELECT s.session_id, s.commission_id, s.departement, s.status, s.convened_on, s.sitting_on, s.urgency,
              s.notice_respected
       FROM rv_commission_agenda_sessions s ${whereOf(conditions)}
       ORDER BY s.sitting_on, s.session_id LIMIT 500`,
      params,
    );
    const items = await this.db.all<ItemRow>(
      `SELECT i.session_id, i.item_id, i.kind, i.request_type, i.case_id, i.instructing_association_id, i.subject,
              i.acl01_recused, i.acl02_recused, i.acl03_recused, i.deliberated, i.postponed, i.outcome,
              c.status AS case_status, c.stage AS case_stage, c.period_index, c.period_end, c.used_months,
              c.used_month_days, c.left_months, c.left_days
       FROM rv_commission_agenda_items i
       JOIN rv_commission_agenda_sessions s ON s.session_id = i.session_id
       LEFT JOIN rv_case_list c ON c.case_id = i.case_id
       ${whereOf(conditions)}
       ORDER BY s.sitting_on, s.session_id, i.position`,
      params,
    );
    const flat = items.map((item) => ({
      session: sessions.find((session) => session.session_id === item.session_id)!,
      item,
    }));
    return answer(
      request,
      reply,
      { name: 'commission-agenda', columns: CSV_COLUMNS, rows: flat.filter((row) => row.session) },
      () => ({
        ...echo,
        sessions: sessions.map((s) => ({
          sessionId: s.session_id,
          commissionId: s.commission_id,
          departement: s.departement,
          status: s.status,
          convenedOn: s.convened_on,
          sittingOn: s.sitting_on,
          urgency: Number(s.urgency) === 1,
          noticeRespected: Number(s.notice_respected) === 1,
          items: items.filter((item) => item.session_id === s.session_id).map(itemJson),
        })),
      }),
    );
  }
}
