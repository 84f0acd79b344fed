import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadModelDatabase } from '@psp/projections';
import { Actor } from '@psp/security';
import { Clock } from '@psp/workflow';
import { IsCalendarDate } from '../cases/commands/calendar-date.validator';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { CsvColumn } from '../infrastructure/csv';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import {
  ViewQuery,
  agrementScope,
  answer,
  forbiddenView,
  idList,
  numberOrNull,
  todayOf,
  whereOf,
  ActiveVersions,
  requireViewVersion,
} from './view-support';
import { Answers } from '../openapi/answers.decorator';

export class AssociationsViewQuery extends ViewQuery {
  /** Only associations with an agrément valid on this date (AGR-06, AGR-08). */
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  /** `true`: only agréments in their last 6 months today (the expiry warning window). */
  @IsOptional()
  @IsIn(['true', 'false'])
  expiring?: 'true' | 'false';
}

interface AssociationRow {
  association_id: string;
  head_office_departement: string | null;
  departements: string;
  status: string;
  valid_from: string | null;
  valid_to: string | null;
  expiry_warning_from: string | null;
  cases_instructed: number | string;
  valid_on: number | string;
}

interface AssociationItem {
  associationId: string;
  headOfficeDepartement: string | null;
  departements: string[];
  status: string;
  validFrom: string | null;
  validTo: string | null;
  validOnDate: boolean;
  expiringWithinSixMonths: boolean;
  casesInstructed: number;
}

const CSV_COLUMNS: CsvColumn<AssociationItem>[] = [
  { header: 'association_id', value: (r) => r.associationId },
  { header: 'head_office_departement', value: (r) => r.headOfficeDepartement },
  { header: 'departements', value: (r) => r.departements.join(' ') },
  { header: 'status', value: (r) => r.status },
  { header: 'valid_from', value: (r) => r.validFrom },
  { header: 'valid_to', value: (r) => r.validTo },
  { header: 'valid_on_date', value: (r) => r.validOnDate },
  { header: 'expiring_within_6_months', value: (r) => r.expiringWithinSixMonths },
  { header: 'cases_instructed', value: (r) => r.casesInstructed },
];

/**
 * Approved associations (`rv_association_list` and its terms): the agrément valid on a date
 * (AGR-06, withdrawals AGR-08), expiring within the 6-month warning window, and the number of
 * cases each instructs (PSP-03). In the registry's scope: the association itself; the préfecture,
 * the secretariat and auditors of a covered département (AGR-09).
 */
@ApiTags('views')
@ApiBearerAuth('bearer')
@Controller('views/associations')
export class AssociationsViewController {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTOR) private readonly projector: ActiveVersions,
  ) {}

  @Get()
  @Answers('AssociationsView', { csv: true })
  @ApiOperation({
    summary:
      'Agréments in your scope: valid on a date (?on=), expiring within 6 months (?expiring=true), cases instructed (JSON or CSV)',
  })
  async list(
    @Query() query: AssociationsViewQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope =
      agrementScope(actor, {
        associationId: 'a.association_id',
        headOffice: 'a.head_office_departement',
        departements: 'a.departements',
      }) ?? forbiddenView(actor);
    await requireViewVersion(this.projector, 'association_list', 2);

    const today = todayOf(this.clock);
    const on = query.on ?? today;
    const validOn = `EXISTS (SELECT 1 FROM rv_association_list_terms t WHERE t.association_id = a.association_id
      AND t.valid_from <= ? AND t.valid_to >= ? AND (t.withdrawn_on IS NULL OR t.withdrawn_on > ?))`;
    const conditions = [...scope.where];
    const params = [...scope.params];
    if (query.on) {
      conditions.push(validOn);
      params.push(on, on, on);
    }
    if (query.expiring === 'true') {
      conditions.push('a.expiry_warning_from <= ? AND a.valid_to >= ?');
      params.push(today, today);
    }
    const rows = await this.db.all<AssociationRow>(
      `SELECT a.association_id, a.head_office_departement, a.departements, a.status, a.valid_from, a.valid_to,
              a.expiry_warning_from, a.cases_instructed, CASE WHEN ${validOn} THEN 1 ELSE 0 END AS valid_on
       FROM rv_association_list a ${whereOf(conditions)}
       ORDER BY a.association_id LIMIT 5000`,
      [on, on, on, ...params],
    );
    const items = rows.map((r): AssociationItem => ({
      associationId: r.association_id,
      headOfficeDepartement: r.head_office_departement,
      departements: idList(r.departements),
      status: r.status,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      validOnDate: Number(r.valid_on) === 1,
      expiringWithinSixMonths:
        r.expiry_warning_from !== null &&
        r.valid_to !== null &&
        r.expiry_warning_from <= today &&
        today <= r.valid_to,
      casesInstructed: numberOrNull(r.cases_instructed) ?? 0,
    }));
    return answer(request, reply, { name: 'associations', columns: CSV_COLUMNS, rows: items }, () => ({
      today,
      on,
      items,
    }));
  }
}
