import { openEventStore } from '@psp/event-store';
import { dateOf, parseCalendarDate } from '@psp/legal-kernel';
import {
  AssociationListDue,
  CaseListDueCases,
  Projector,
  RecentlyClosedSittings,
  allProjections,
} from '@psp/projections';
import {
  AssociationCommandHandler,
  CaseCommandHandler,
  CommissionOpinionDispatcher,
  CommissionOpinionSweep,
  DeadlineScheduler,
  RegistryDeadlineScheduler,
  StoreRegistryFacts,
} from '@psp/workflow';
import { UsageError, stringOption } from '../arguments';
import { loadConfig, openReadModel, openVault } from '@psp/runtime';

export const RUN_DEADLINES_USAGE = `run-deadlines [--today YYYY-MM-DD]
    Brings the case_list view up to date, then issues the system command of every deadline that has
    passed (period end, 24-month cap, APS expiry; agrément completeness, silence, expiry), and passes to
    their cases the opinions of sittings closed in the last 30 days that did not reach them (ADR 0012).
    --today (not in production) runs it as of that date.`;

export async function runDeadlinesCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  const todayOption = stringOption(options, 'today');
  if (todayOption !== undefined && config.environment === 'production') {
    throw new UsageError('--today is refused in production: deadlines run on the real date');
  }
  const today = todayOption === undefined ? undefined : parseDate(todayOption);
  const clock = () => (today ? new Date(`${today}T12:00:00.000Z`) : new Date());

  const store = await openEventStore(config.eventStoreUrl);
  const vault = await openVault(config);
  const db = await openReadModel(config);
  const projector = new Projector(store, db, allProjections(store));
  try {
    await projector.start();
    await projector.waitUntilCaughtUp();
    const handler = new CaseCommandHandler(store, vault, new StoreRegistryFacts(store), clock);
    const outcomes = await new DeadlineScheduler(store, handler, new CaseListDueCases(db), clock).runOnce();
    for (const o of outcomes)
      process.stdout.write(`${o.caseId}  ${o.command}  on ${o.on}  → revision ${o.revision}\n`);
    const registry = await new RegistryDeadlineScheduler(
      store,
      new AssociationCommandHandler(store, clock),
      new AssociationListDue(db, () => dateOf(clock().toISOString())),
      clock,
    ).runOnce();
    for (const o of registry)
      process.stdout.write(`association ${o.associationId}  ${o.command}  on ${o.on}\n`);
    const opinions = await new CommissionOpinionSweep(
      new CommissionOpinionDispatcher(store, clock),
      new RecentlyClosedSittings(db, () => dateOf(clock().toISOString())),
    ).runOnce();
    for (const o of opinions)
      process.stdout.write(`case ${o.caseId}  commission opinion of ${o.sessionId}/${o.itemId}\n`);
    process.stdout.write(
      `${outcomes.length + registry.length + opinions.length} deadline command(s) issued as of ${clock().toISOString().slice(0, 10)}\n`,
    );
  } finally {
    await projector.stop();
    await db.close();
    await vault.close();
    await store.close();
  }
}

function parseDate(value: string): string {
  try {
    return parseCalendarDate(value);
  } catch {
    throw new UsageError(`--today must be a date YYYY-MM-DD, got ${value}`);
  }
}
