import { openDocumentStorage } from '@psp/documents';
import { openEventStore } from '@psp/event-store';
import { parseCalendarDate } from '@psp/legal-kernel';
import {
  AssociationListProjection,
  CaseListClosedCases,
  CaseListProjection,
  Projector,
} from '@psp/projections';
import { DEFAULT_RETENTION_PARAMETERS, RetentionScheduler } from '@psp/workflow';
import { UsageError, stringOption } from '../arguments';
import { loadConfig, openReadModel, openVault } from '@psp/runtime';

export const RUN_RETENTION_USAGE = `run-retention [--today YYYY-MM-DD]
    Brings the case_list view up to date, then enforces retention (R14, docs/security.md): a
    RetentionNoticeIssued from 14 days before a closed case's purge date, then the purge (the
    person's key deleted, the case stream replaced by its CaseRecordPurged tombstone).
    --today (not in production) runs it as of that date.`;

export async function runRetentionCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  const todayOption = stringOption(options, 'today');
  if (todayOption !== undefined && config.environment === 'production') {
    throw new UsageError('--today is refused in production: retention runs on the real date');
  }
  let today: string | undefined;
  try {
    today = todayOption === undefined ? undefined : parseCalendarDate(todayOption);
  } catch {
    throw new UsageError(`--today must be a date YYYY-MM-DD, got ${todayOption}`);
  }
  const clock = () => (today ? new Date(`${today}T12:00:00.000Z`) : new Date());

  const store = await openEventStore(config.eventStoreUrl);
  const vault = await openVault(config);
  const db = await openReadModel(config);
  const documents = await openDocumentStorage(process.env.DOCUMENT_STORE_URL, config.dataDir);
  const projector = new Projector(store, db, [
    new CaseListProjection(store),
    new AssociationListProjection(store),
  ]);
  try {
    await projector.start();
    await projector.waitUntilCaughtUp();
    const outcomes = await new RetentionScheduler(
      store,
      vault,
      new CaseListClosedCases(db),
      DEFAULT_RETENTION_PARAMETERS,
      clock,
      (caseId) => documents.deleteCase(caseId),
    ).runOnce();
    for (const o of outcomes) process.stdout.write(`${o.caseId}  ${o.action}  purge on ${o.purgeOn}\n`);
    process.stdout.write(
      `${outcomes.length} retention step(s) as of ${clock().toISOString().slice(0, 10)}\n`,
    );
  } finally {
    await projector.stop();
    await db.close();
    await documents.close();
    await vault.close();
    await store.close();
  }
}
