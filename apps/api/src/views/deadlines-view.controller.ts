import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addDays } from '@psp/legal-kernel';
import { ReadModelDatabase, SqlValue } from '@psp/projections';
import { Actor } from '@psp/security';
import { Clock } from '@psp/workflow';
import { scopeConditions } from '../cases/queries/list-cases.controller';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { CsvColumn } from '../infrastructure/csv';
import { READ_MODEL } from '../projections/read-model.provider';
import {
  IsDays,
  SqlScope,
  ViewQuery,
  agrementScope,
  answer,
  commissionScope,
  daysFrom,
  forbiddenView,
  todayOf,
} from './view-support';
import { Answers } from '../openapi/answers.decorator';

export class DeadlinesQuery extends ViewQuery {
  /** Deadlines falling due from today to today + `within` days (default 30). */
  @IsDays(0, 3660)
  within?: number;
}

interface DeadlineRow {
  source: string;
  subject_id: string;
  departement: string;
  association_id: string | null;
  commission_id: string | null;
  kind: string;
  rule_id: string;
  due_on: string;
}

interface DeadlineItem {
  source: string;
  subjectId: string;
  kind: string;
  ruleId: string;
  dueOn: string;
  daysLeft: number;
  /** COM-02: a member's term that ended and was neither renewed nor filled by a successor. */
  expired: boolean;
  departement: string;
  associationId: string | null;
  commissionId: string | null;
}

const CSV_COLUMNS: CsvColumn<DeadlineItem>[] = [
  { header: 'due_on', value: (r) => r.dueOn },
  { header: 'days_left', value: (r) => r.daysLeft },
  { header: 'source', value: (r) => r.source },
  { header: 'subject_id', value: (r) => r.subjectId },
  { header: 'kind', value: (r) => r.kind },
  { header: 'rule_id', value: (r) => r.ruleId },
  { header: 'departement', value: (r) => r.departement },
  { header: 'association_id', value: (r) => r.associationId },
  { header: 'commission_id', value: (r) => r.commissionId },
];

function caseScopeOrNone(actor: Actor): SqlScope | undefined {
  try {
    return scopeConditions(actor);
  } catch {
    return undefined;
  }
}

/** One source's rows in scope: `(source = ? AND …)`. */
function sourceClause(source: string, scope: SqlScope | undefined): { sql: string; params: SqlValue[] }[] {
  if (!scope) return [];
  return [{ sql: `(${['source = ?', ...scope.where].join(' AND ')})`, params: [source, ...scope.params] }];
}

/** Kinds that stay listed after their date, as expired, until their row goes (COM-02: until replaced). */
const LISTED_UNTIL_RESOLVED = ['member_term_end'];

/**
 * Deadlines and alerts due within N days (`rv_deadlines`): the open cases' period ends (DUR-01),
 * cap dates (PSP-06), APS expiries (APS-05) and observation deadlines (PSP-09); agrément expiries
 * (AGR-06); commission members' term ends (COM-02), and the terms that already ended and were
 * neither renewed nor filled by a successor (`expired: true`, negative `daysLeft`). Each source in
 * the role's own scope: cases like `GET /cases`, agréments like the association registry, members
 * like the commission.
 */
@ApiTags('views')
@ApiBearerAuth('bearer')
@Controller('views/deadlines')
export class DeadlinesViewController {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Answers('Deadlines', { csv: true })
  @ApiOperation({
    summary:
      'Case deadlines, agrément expiries and member term ends due from today to today + within days (default 30), and member terms already ended but not yet renewed or replaced (expired, COM-02), in your scope (JSON or CSV)',
  })
  async list(
    @Query() query: DeadlinesQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const sources = [
      ...sourceClause('case', caseScopeOrNone(actor)),
      ...sourceClause(
        'agrement',
        agrementScope(actor, {
          associationId: 'association_id',
          headOffice: 'departement',
          departements: 'departements',
        }),
      ),
      ...sourceClause('commission_member', commissionScope(actor)),
    ];
    if (sources.length === 0) forbiddenView(actor);
    const today = todayOf(this.clock);
    const within = query.within ?? 30;
    const until = addDays(today, within);
    const rows = await this.db.all<DeadlineRow>(
      `SELECT source, subject_id, departement, association_id, commission_id, kind, rule_id, due_on
       FROM rv_deadlines
       WHERE ((due_on >= ? AND due_on <= ?) OR (due_on < ? AND kind IN (${LISTED_UNTIL_RESOLVED.map(() => '?').join(', ')})))
         AND (${sources.map((s) => s.sql).join(' OR ')})
       ORDER BY due_on, source, subject_id, kind LIMIT 5000`,
      [today, until, today, ...LISTED_UNTIL_RESOLVED, ...sources.flatMap((s) => s.params)],
    );
    const items = rows.map((r): DeadlineItem => ({
      source: r.source,
      subjectId: r.subject_id,
      kind: r.kind,
      ruleId: r.rule_id,
      dueOn: r.due_on,
      daysLeft: daysFrom(today, r.due_on)!,
      expired: r.due_on < today,
      departement: r.departement,
      associationId: r.association_id,
      commissionId: r.commission_id,
    }));
    return answer(request, reply, { name: 'deadlines', columns: CSV_COLUMNS, rows: items }, () => ({
      today,
      within,
      until,
      items,
    }));
  }
}
