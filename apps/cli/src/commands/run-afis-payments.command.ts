import { openEventStore } from '@psp/event-store';
import { parseCalendarDate } from '@psp/legal-kernel';
import { Projector, ReadModelDatabase, allProjections } from '@psp/projections';
import { isDepartementCode } from '@psp/security';
import { AfisPaymentRun } from '@psp/workflow';
import { UsageError, stringOption } from '../arguments';
import { loadConfig, openReadModel } from '@psp/runtime';

export const RUN_AFIS_PAYMENTS_USAGE = `run-afis-payments --departement DD --month YYYY-MM [--today YYYY-MM-DD]
    The paying body's monthly AFIS run for one département (D.121-12-15, D.121-12-16): brings the read
    views up to date, then pays each beneficiary what is unpaid up to that month (arrears included),
    in arrears and once per beneficiary and month (a second run pays nothing). --today (not in
    production) runs it as of that date.`;

/** The cases of the département with an AFIS, from the case list view. */
export function casesWithAfisFrom(db: ReadModelDatabase) {
  return {
    casesWithAfis: async (departement: string) =>
      (
        await db.all<{ case_id: string }>(
          `SELECT case_id FROM rv_case_list WHERE departement = ? AND afis_status NOT IN ('not_requested')`,
          [departement],
        )
      ).map((r) => r.case_id),
  };
}

export async function runAfisPaymentsCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  const departement = stringOption(options, 'departement');
  const month = stringOption(options, 'month');
  if (!departement || !isDepartementCode(departement))
    throw new UsageError('--departement must be a département code');
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError('--month must be YYYY-MM');
  const todayOption = stringOption(options, 'today');
  if (todayOption !== undefined && config.environment === 'production') {
    throw new UsageError('--today is refused in production: payments run on the real date');
  }
  let today: string | undefined;
  try {
    today = todayOption === undefined ? undefined : parseCalendarDate(todayOption);
  } catch {
    throw new UsageError(`--today must be a date YYYY-MM-DD, got ${todayOption}`);
  }
  const clock = () => (today ? new Date(`${today}T12:00:00.000Z`) : new Date());

  const store = await openEventStore(config.eventStoreUrl);
  const db = await openReadModel(config);
  const projector = new Projector(store, db, allProjections(store));
  try {
    await projector.start();
    await projector.waitUntilCaughtUp();
    const run = new AfisPaymentRun(store, casesWithAfisFrom(db), clock);
    const result = await run.run(
      { subject: 'cli:run-afis-payments', role: 'afis_payer', departement },
      month,
    );
    for (const b of result.beneficiaries) {
      const lines = b.lines.map((l) => `${l.month} ${(l.amountCents / 100).toFixed(2)}`).join(', ');
      const extra = b.violations ? `  ${b.violations.map((v) => `${v.rule}: ${v.message}`).join('; ')}` : '';
      process.stdout.write(
        `${b.caseId}  ${b.result}  ${(b.totalCents / 100).toFixed(2)} €  [${lines}]` +
          `${b.overpaidCents > 0 ? `  overpaid ${(b.overpaidCents / 100).toFixed(2)} €` : ''}${extra}\n`,
      );
    }
    process.stdout.write(
      `AFIS run ${result.runMonth} for ${result.departement} on ${result.paidOn}: ${(result.totalPaidCents / 100).toFixed(2)} € paid now to ${result.beneficiaries.filter((b) => b.result === 'paid').length} beneficiaries\n`,
    );
  } finally {
    await projector.stop();
    await db.close();
    await store.close();
  }
}
