import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ReadModelDatabase, SqlValue, parseFileNumber } from '@psp/projections';
import { CASE_STATUSES } from '@psp/psp-case';
import type { FastifyReply } from 'fastify';
import { Actor, CASE_LIST_ITEM_FIELDS, Role, disclose } from '@psp/security';
import { ForbiddenCommandError } from '@psp/workflow';
import { CurrentActor } from '../../infrastructure/authentication';
import { CsvColumn, sendCsv } from '../../infrastructure/csv';
import { CaseListRow, caseListItem } from './case-list-item';
import { READ_MODEL } from '../../projections/read-model.provider';
import { CaseDisclosures, Disclosures } from '../../security-views/case-disclosures';
import { Answers } from '../../openapi/answers.decorator';

export class ListCasesQuery {
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: string;

  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/)
  stage?: string;

  /** The case of a file number (`69-2026-0042`; `69-2026-42` is read the same). */
  @IsOptional()
  @Matches(/^\s*(\d{2,3}|2[abAB])-\d{4}-\d{1,9}\s*$/, { message: 'fileNumber must look like 69-2026-0042' })
  fileNumber?: string;

  /** Cases with a deadline on or before this date (YYYY-MM-DD). */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  deadlineBefore?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  /** `csv`: an export (RFC 4180), its columns the fields your role may see; every export is audited (ACL-06). */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

type ListItem = Record<string, unknown>;

/** The value at a field path of a list item (`rightsLeft.months`). */
const at = (item: ListItem, path: string) =>
  path.split('.').reduce<unknown>((value, key) => (value as ListItem | undefined)?.[key], item) as
    string | number | boolean | undefined;

/** The roles that read individual cases (within their scope). */
const CASE_READERS: readonly Role[] = [
  'association',
  'commission_secretariat',
  'prefecture',
  'foreigners_department',
  'afis_payer',
  'auditor',
  'system',
];

/** The actor's scope as SQL conditions (deny by default: analysts and members see no individual case). */
export function scopeConditions(actor: Actor): { where: string[]; params: SqlValue[] } {
  switch (actor.role) {
    case 'association':
      return {
        where: ['departement = ?', 'association_id = ?'],
        params: [actor.departement!, actor.associationId!],
      };
    case 'commission_secretariat':
    case 'prefecture':
    case 'foreigners_department':
    case 'afis_payer':
      return { where: ['departement = ?'], params: [actor.departement!] };
    case 'auditor':
      return actor.departement
        ? { where: ['departement = ?'], params: [actor.departement] }
        : { where: [], params: [] };
    case 'system':
      return { where: [], params: [] };
    default:
      throw new ForbiddenCommandError(actor.role, CASE_READERS, 'read');
  }
}

@ApiTags('cases')
@ApiBearerAuth('bearer')
@Controller('cases')
export class ListCasesController {
  constructor(@Inject(READ_MODEL) private readonly db: ReadModelDatabase) {}

  @Get()
  @Answers('CaseList', { csv: true })
  @ApiOperation({
    summary: 'Cases within your scope, filtered by status, stage and deadline (from the case_list view)',
  })
  async list(
    @Query() query: ListCasesQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Disclosures() disclosures: CaseDisclosures,
  ) {
    const { where, params } = scopeConditions(actor);
    const filters: [string, string | undefined][] = [
      ['status = ?', query.status],
      ['stage = ?', query.stage],
      ['next_deadline <= ?', query.deadlineBefore],
      [
        'case_id IN (SELECT case_id FROM rv_file_numbers WHERE file_number = ?)',
        query.fileNumber === undefined ? undefined : parseFileNumber(query.fileNumber),
      ],
    ];
    for (const [condition, value] of filters) {
      if (value === undefined) continue;
      where.push(condition);
      params.push(value);
    }
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const rows = await this.db.all<CaseListRow>(
      `SELECT case_id, departement, association_id, status, stage, aps_status, afis_status, period_index, period_end,
              used_days, left_months, left_days, next_deadline, opened_on, revision,
              (SELECT file_number FROM rv_file_numbers f WHERE f.case_id = rv_case_list.case_id) AS file_number
       FROM rv_case_list ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY opened_on DESC, case_id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const items = rows.map(caseListItem);
    // R3 / ACL-05: each row through the one filter, with the list's own classification table.
    const disclosed = items.map((item) => disclose(actor.role, item, CASE_LIST_ITEM_FIELDS));
    if (query.format !== 'csv') {
      return { items: disclosed.map((d) => d.value ?? {}), limit, offset };
    }
    const columns: CsvColumn<ListItem>[] = Object.entries(CASE_LIST_ITEM_FIELDS)
      .filter(([, rule]) => rule.roles.includes(actor.role))
      .map(([path]) => ({ header: path, value: (item) => at(item, path) }));
    disclosed.forEach((d, index) =>
      disclosures.add({
        caseId: items[index].caseId,
        departement: items[index].departement,
        fields: columns.map((column) => column.header),
      }),
    );
    return sendCsv(
      reply,
      'cases',
      columns,
      disclosed.map((d) => (d.value ?? {}) as ListItem),
    );
  }
}
