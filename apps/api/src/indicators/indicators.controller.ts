import { BadRequestException, Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadModelDatabase, computeIndicators, readIndicatorFacts, selectIndicators } from '@psp/projections';
import { Actor, Role } from '@psp/security';
import { ForbiddenCommandError } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { sendCsv, wantsCsv } from '../infrastructure/csv';
import { problem } from '../infrastructure/problem-details';
import { READ_MODEL } from '../projections/read-model.provider';
import { INDICATOR_CSV_COLUMNS, indicatorCsvRows } from './indicators.csv';
import { IndicatorsQuery } from './indicators.query';
import { INDICATORS_MIN_CELL } from './indicators.tokens';
import { Answers } from '../openapi/answers.decorator';

/** ACL-06: aggregates only, for analysts and auditors; every other role is refused. */
const ALLOWED: ReadonlySet<Role> = new Set<Role>(['analyst', 'auditor']);

@ApiTags('indicators')
@ApiBearerAuth('bearer')
@Controller('indicators')
export class IndicatorsController {
  private readonly logger = new Logger('indicators');

  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: () => Date,
    @Inject(INDICATORS_MIN_CELL) private readonly minCell: number,
  ) {}

  @Get()
  @Answers('Indicators', { csv: true })
  @ApiOperation({
    summary:
      'Section 7.3 indicators for one year, by département and national, small counts suppressed (ACL-06); JSON or CSV (?format=csv)',
  })
  async indicators(
    @Query() query: IndicatorsQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!ALLOWED.has(actor.role)) throw new ForbiddenCommandError(actor.role, [...ALLOWED], 'read');
    const today = this.clock().toISOString().slice(0, 10);
    if (query.year > Number(today.slice(0, 4))) {
      throw new BadRequestException(
        problem(400, 'invalid-request', 'Invalid request', {
          detail: 'year: must not be in the future',
          errors: [{ field: 'year', problems: ['must not be in the future'] }],
        }),
      );
    }
    // A département-scoped analyst or auditor sees its own row and the national one only.
    const departements = actor.departement
      ? [actor.departement].filter((d) => query.departement === undefined || d === query.departement)
      : query.departement
        ? [query.departement]
        : undefined;
    const full = computeIndicators(await readIndicatorFacts(this.db), {
      year: query.year,
      today,
      minCell: this.minCell,
    });
    const report = selectIndicators(full, { tables: query.tables, departements });
    // ACL-06: every read of these statistics is logged (who, what; never a figure).
    this.logger.log({
      msg: 'indicators read',
      subject: actor.subject,
      role: actor.role,
      year: query.year,
      tables: query.tables ?? 'all',
      departement: departements ?? 'all',
    });
    if (wantsCsv(request)) {
      return sendCsv(reply, `indicators-${query.year}`, INDICATOR_CSV_COLUMNS, indicatorCsvRows(report));
    }
    return { ...report, commissions: await this.commissionsInstalled(query.year, departements) };
  }

  /**
   * Départements whose commission was installed by the end of the year (COM-03): a public fact
   * about the State's services, no count of people, so nothing to suppress.
   */
  private async commissionsInstalled(
    year: number,
    departements: readonly string[] | undefined,
  ): Promise<{ departement: string; constitutedOn: string }[]> {
    const rows = await this.db.all<{ departement: string; constituted_on: string }>(
      `SELECT departement, MIN(constituted_on) AS constituted_on FROM rv_commissions
       WHERE constituted_on IS NOT NULL AND constituted_on <= ? GROUP BY departement ORDER BY departement`,
      [`${year}-12-31`],
    );
    return rows
      .filter((row) => !departements || departements.includes(row.departement))
      .map((row) => ({ departement: row.departement, constitutedOn: row.constituted_on }));
  }
}
