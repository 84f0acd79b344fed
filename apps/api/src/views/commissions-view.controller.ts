import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addDays } from '@psp/legal-kernel';
import { ReadModelDatabase, meetingsMinimumFor } from '@psp/projections';
import { Actor } from '@psp/security';
import { Clock } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { CsvColumn } from '../infrastructure/csv';
import { READ_MODEL } from '../projections/read-model.provider';
import {
  IsDays,
  ViewQuery,
  answer,
  commissionScope,
  daysFrom,
  forbiddenView,
  numberOrNull,
  todayOf,
  whereOf,
} from './view-support';
import { Answers } from '../openapi/answers.decorator';

export class CommissionsViewQuery extends ViewQuery {
  /** The year whose sittings are counted against the COM-06 minimum (default: this year). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2017)
  @Max(2100)
  year?: number;

  /** Member terms ending from today to today + `within` days (default 180). */
  @IsDays(0, 3660)
  within?: number;
}

interface CommissionRow {
  commission_id: string;
  departement: string;
  sessions_held: number | string | null;
  policy_sessions: number | string | null;
}

interface MemberRow {
  commission_id: string;
  member_id: string;
  category: string;
  term_start: string;
  /** Null for an ex officio member, who has no term (COM-01 / COM-02). */
  term_end: string | null;
  left_on: string | null;
  training_completed_on: string | null;
}

interface CommissionItem {
  commissionId: string;
  departement: string;
  year: number;
  sessionsHeld: number;
  policySessions: number;
  minimum: number;
  minimumMet: boolean;
  termsEnding: { memberId: string; category: string; termEnd: string; daysLeft: number }[];
  withoutTraining: { memberId: string; category: string }[];
}

const CSV_COLUMNS: CsvColumn<CommissionItem>[] = [
  { header: 'commission_id', value: (r) => r.commissionId },
  { header: 'departement', value: (r) => r.departement },
  { header: 'year', value: (r) => r.year },
  { header: 'sessions_held', value: (r) => r.sessionsHeld },
  { header: 'policy_sessions', value: (r) => r.policySessions },
  { header: 'minimum', value: (r) => r.minimum },
  { header: 'minimum_met', value: (r) => r.minimumMet },
  { header: 'terms_ending', value: (r) => r.termsEnding.map((m) => `${m.memberId}:${m.termEnd}`).join(' ') },
  { header: 'without_training', value: (r) => r.withoutTraining.map((m) => m.memberId).join(' ') },
];

/**
 * Departmental commissions (`rv_commissions*`): member terms ending within N days (COM-02),
 * members sitting today without the awareness training (COM-05), and sittings held in a year
 * against the legal minimum of policy meetings in force on 1 January (COM-06: 1 before 2026, 2
 * from 2026). Members are opaque ids. In the commission's scope (préfecture, secretariat, auditors).
 */
@ApiTags('views')
@ApiBearerAuth('bearer')
@Controller('views/commissions')
export class CommissionsViewController {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Answers('CommissionsView', { csv: true })
  @ApiOperation({
    summary:
      'Commissions in your scope: terms ending within N days, members without training, sittings held in a year against the COM-06 minimum (JSON or CSV)',
  })
  async list(
    @Query() query: CommissionsViewQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = commissionScope(actor, 'c.departement') ?? forbiddenView(actor);
    const today = todayOf(this.clock);
    const year = query.year ?? Number(today.slice(0, 4));
    const within = query.within ?? 180;
    const until = addDays(today, within);
    const commissions = await this.db.all<CommissionRow>(
      `SELECT c.commission_id, c.departement, y.sessions_held, y.policy_sessions
       FROM rv_commissions c LEFT JOIN rv_commissions_years y ON y.commission_id = c.commission_id AND y.year = ?
       ${whereOf(scope.where)} ORDER BY c.departement LIMIT 500`,
      [year, ...scope.params],
    );
    const members = await this.db.all<MemberRow>(
      `SELECT m.commission_id, m.member_id, m.category, m.term_start, m.term_end, m.left_on, m.training_completed_on
       FROM rv_commissions_members m JOIN rv_commissions c ON c.commission_id = m.commission_id
       ${whereOf(scope.where)} ORDER BY m.term_end, m.member_id`,
      scope.params,
    );
    const sitting = (m: MemberRow) =>
      m.term_start <= today &&
      (m.term_end === null || today <= m.term_end) &&
      (m.left_on === null || today < m.left_on);
    const minimum = meetingsMinimumFor(year);
    const items = commissions.map((c): CommissionItem => {
      const own = members.filter((m) => m.commission_id === c.commission_id);
      const policySessions = numberOrNull(c.policy_sessions) ?? 0;
      return {
        commissionId: c.commission_id,
        departement: c.departement,
        year,
        sessionsHeld: numberOrNull(c.sessions_held) ?? 0,
        policySessions,
        minimum,
        minimumMet: policySessions >= minimum,
        termsEnding: own.flatMap((m) =>
          m.left_on === null && m.term_end !== null && today <= m.term_end && m.term_end <= until
            ? [
                {
                  memberId: m.member_id,
                  category: m.category,
                  termEnd: m.term_end,
                  daysLeft: daysFrom(today, m.term_end)!,
                },
              ]
            : [],
        ),
        withoutTraining: own
          .filter((m) => sitting(m) && m.training_completed_on === null)
          .map((m) => ({ memberId: m.member_id, category: m.category })),
      };
    });
    return answer(request, reply, { name: 'commissions', columns: CSV_COLUMNS, rows: items }, () => ({
      today,
      year,
      within,
      rules: { minimum: 'COM-06', terms: 'COM-02', training: 'COM-05' },
      items,
    }));
  }
}
