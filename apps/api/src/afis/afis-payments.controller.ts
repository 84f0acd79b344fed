import { Answers } from '../openapi/answers.decorator';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventStore } from '@psp/event-store';
import { Projector, ReadModelDatabase, SqlValue } from '@psp/projections';
import { Actor } from '@psp/security';
import { AfisPaymentRun, AfisPaymentRunError, Clock } from '@psp/workflow';
import { CurrentActor } from '../infrastructure/authentication';
import { CLOCK } from '../infrastructure/clock';
import { CsvColumn } from '../infrastructure/csv';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { problem } from '../infrastructure/problem-details';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { PROJECTOR } from '../projections/projections.module';
import { READ_MODEL } from '../projections/read-model.provider';
import { ViewQuery, answer, forbiddenView, numberOrNull, todayOf } from '../views/view-support';
import { RunAfisPaymentsDto } from './run-afis-payments.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class AfisPaymentsQuery extends ViewQuery {
  /** Only this month (`YYYY-MM`). */
  @IsOptional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month?: string;

  /** Only this case. */
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'caseId must be a case id',
  })
  caseId?: string;
}

interface PaymentRow {
  case_id: string;
  person_ref: string;
  departement: string;
  month: string;
  days: number;
  days_in_month: number;
  children: number;
  monthly_amount_cents: number;
  basis: string;
  due_cents: number;
  payable_from: string;
  paid_cents: number;
  last_paid_on: string | null;
  unpaid_cents: number;
  overpaid_cents: number;
}

interface PaymentItem {
  caseId: string;
  personRef: string;
  departement: string;
  month: string;
  days: number;
  daysInMonth: number;
  children: number;
  monthlyAmountCents: number;
  /** The text that sets the month's scale. */
  basis: string;
  dueCents: number;
  payableFrom: string;
  paidCents: number;
  lastPaidOn: string | null;
  unpaidCents: number;
  overpaidCents: number;
  /** `paid`, `arrears` (payable, not fully paid), `not_yet_payable`, `overpaid`. */
  state: string;
}

const CSV_COLUMNS: CsvColumn<PaymentItem>[] = [
  { header: 'case_id', value: (r) => r.caseId },
  { header: 'person_ref', value: (r) => r.personRef },
  { header: 'departement', value: (r) => r.departement },
  { header: 'month', value: (r) => r.month },
  { header: 'days', value: (r) => r.days },
  { header: 'children', value: (r) => r.children },
  { header: 'monthly_amount_cents', value: (r) => r.monthlyAmountCents },
  { header: 'basis', value: (r) => r.basis },
  { header: 'due_cents', value: (r) => r.dueCents },
  { header: 'payable_from', value: (r) => r.payableFrom },
  { header: 'paid_cents', value: (r) => r.paidCents },
  { header: 'last_paid_on', value: (r) => r.lastPaidOn },
  { header: 'unpaid_cents', value: (r) => r.unpaidCents },
  { header: 'overpaid_cents', value: (r) => r.overpaidCents },
  { header: 'state', value: (r) => r.state },
];

/** Who reads the payments: the paying body and auditors (ACL-05: the MSA sets and pays the amount). */
function paymentsScope(actor: Actor): { where: string[]; params: SqlValue[] } {
  if (actor.role === 'afis_payer' && actor.departement) {
    return { where: ['departement = ?'], params: [actor.departement] };
  }
  if (actor.role === 'auditor') {
    return actor.departement
      ? { where: ['departement = ?'], params: [actor.departement] }
      : { where: [], params: [] };
  }
  forbiddenView(actor);
}

/**
 * The AFIS as money (D.121-12-14 to D.121-12-16; L.121-9): the paying body's monthly run, and the
 * payment schedule of every beneficiary (`rv_afis_payments`, docs/read-views.md).
 */
@ApiTags('afis')
@ApiBearerAuth('bearer')
@Controller('afis')
export class AfisPaymentsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly db: ReadModelDatabase,
    @Inject(PROJECTOR) private readonly projector: Projector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Answers('AfisPaymentRun')
  @Post('payment-runs')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'D.121-12-15/16: the paying body (afis_payer) runs the month for its département, in arrears: each beneficiary is paid what is due up to that month (arrears included) once; a second run pays nothing',
  })
  async run(@Body() body: RunAfisPaymentsDto, @CurrentActor() actor: Actor) {
    await this.projector.waitUntilCaughtUp(10_000).catch(() => undefined);
    const run = new AfisPaymentRun(
      this.store,
      {
        casesWithAfis: async (departement) =>
          (
            await this.db.all<{ case_id: string }>(
              `SELECT case_id FROM rv_case_list WHERE departement = ? AND afis_status NOT IN ('not_requested')`,
              [departement],
            )
          ).map((r) => r.case_id),
      },
      this.clock,
    );
    try {
      const result = await run.run(actor, body.month);
      if (result.beneficiaries.some((b) => b.result === 'paid')) this.projector.nudge();
      return result;
    } catch (error) {
      if (error instanceof AfisPaymentRunError) {
        throw new RequestProblem(
          problem(422, 'rule-violated', 'Refused by a rule', {
            detail: error.message,
            rules: [error.violation],
          }),
        );
      }
      throw error;
    }
  }

  @Answers('AfisPayments', { csv: true })
  @Get('payments')
  @ApiOperation({
    summary:
      'The AFIS payment schedule, month by month: due, paid, arrears and overpayments (afis_payer of the département, auditors; JSON or CSV)',
  })
  async payments(
    @Query() query: AfisPaymentsQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = paymentsScope(actor);
    const where = [...scope.where];
    const params = [...scope.params];
    if (query.month) {
      where.push('month = ?');
      params.push(query.month);
    }
    if (query.caseId) {
      where.push('case_id = ?');
      params.push(query.caseId);
    }
    const rows = await this.db.all<PaymentRow>(
      `SELECT case_id, person_ref, departement, month, days, days_in_month, children, monthly_amount_cents, basis, due_cents,
         payable_from, paid_cents, last_paid_on, unpaid_cents, overpaid_cents
       FROM rv_afis_payments ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY departement, case_id, month LIMIT 10000`,
      params,
    );
    const today = todayOf(this.clock);
    const items = rows.map((r): PaymentItem => {
      const unpaid = Number(r.unpaid_cents);
      const overpaid = Number(r.overpaid_cents);
      return {
        caseId: r.case_id,
        personRef: r.person_ref,
        departement: r.departement,
        month: r.month,
        days: Number(r.days),
        daysInMonth: Number(r.days_in_month),
        children: Number(r.children),
        monthlyAmountCents: Number(r.monthly_amount_cents),
        basis: r.basis,
        dueCents: Number(r.due_cents),
        payableFrom: r.payable_from,
        paidCents: Number(r.paid_cents),
        lastPaidOn: r.last_paid_on,
        unpaidCents: unpaid,
        overpaidCents: numberOrNull(overpaid) ?? 0,
        state:
          overpaid > 0
            ? 'overpaid'
            : unpaid === 0
              ? 'paid'
              : r.payable_from <= today
                ? 'arrears'
                : 'not_yet_payable',
      };
    });
    const totals = {
      dueCents: items.reduce((s, i) => s + i.dueCents, 0),
      paidCents: items.reduce((s, i) => s + i.paidCents, 0),
      arrearsCents: items.filter((i) => i.state === 'arrears').reduce((s, i) => s + i.unpaidCents, 0),
      overpaidCents: items.reduce((s, i) => s + i.overpaidCents, 0),
    };
    return answer(request, reply, { name: 'afis-payments', columns: CSV_COLUMNS, rows: items }, () => ({
      today,
      totals,
      items,
    }));
  }
}
