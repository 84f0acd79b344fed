import { openEventStore } from '@psp/event-store';
import { DigestLog, loadAuditConfig, writeDigests } from '@psp/audit';
import { loadConfig } from '@psp/runtime';
import { stringOption } from '../arguments';

export const DIGEST_USAGE = `digest [--digest-dir DIR]
    Records a digest of every event appended since the last one in the digest log (DIGEST_DIR,
    default <DATA_DIR>/digests), chained to the previous digest (ADR 0007). Run it from cron when
    the API's DIGEST_INTERVAL_MS is 0.`;

export async function digestCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  const log = new DigestLog(stringOption(options, 'digest-dir') ?? loadAuditConfig(config).digestDir);
  const store = await openEventStore(config.eventStoreUrl);
  try {
    const records = await writeDigests(store, log);
    for (const r of records) {
      process.stdout.write(
        `digest #${r.sequence}: ${r.count} event(s) after ${r.afterPosition ?? 'the start'} through ${r.toPosition}  ${r.digestHash}\n`,
      );
    }
    if (records.length === 0) process.stdout.write('no event since the last digest\n');
  } finally {
    await store.close();
  }
}
