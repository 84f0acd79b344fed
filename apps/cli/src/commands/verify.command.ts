import { openEventStore } from '@psp/event-store';
import { DigestLog, describeFinding, loadAuditConfig, verifyCaseViews, verifyLog } from '@psp/audit';
import { loadConfig, openReadModel } from '@psp/runtime';
import { stringOption } from '../arguments';

export const VERIFY_USAGE = `verify [--digest-dir DIR] [--skip-views]
    Checks every stream's hash chain and the digest log (DIGEST_DIR), names the first altered,
    removed or reordered event, re-folds every case with the machine version that wrote it and
    compares it with rv_case_list (--skip-views: not this part). Exit code 1 when anything is wrong.`;

/** Progress goes to stderr every this many events. */
const PROGRESS_EVERY = 10_000;

export async function verifyCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  const digestDir = stringOption(options, 'digest-dir') ?? loadAuditConfig(config).digestDir;
  const store = await openEventStore(config.eventStoreUrl);
  try {
    let reported = 0;
    const log = await verifyLog(store, new DigestLog(digestDir), {
      onProgress: ({ events, position }) => {
        if (events - reported < PROGRESS_EVERY) return;
        reported = events;
        process.stderr.write(`… ${events} events read (global position ${position})\n`);
      },
    });
    const findings = [...log.findings];
    let views = '';
    if (options['skip-views'] !== true) {
      const db = await openReadModel(config);
      try {
        const result = await verifyCaseViews(store, db, log.streamIds);
        findings.push(...result.findings);
        views = `, ${result.cases - result.skipped} case(s) compared with rv_case_list (${result.skipped} not yet projected or purged)`;
      } finally {
        await db.close();
      }
    }
    process.stdout.write(
      `${log.events} events in ${log.streams} streams, ${log.digests} digest(s) from ${digestDir}, ${log.undigestedEvents} event(s) not yet digested${views}\n`,
    );
    if (findings.length === 0) {
      process.stdout.write('OK: every chain, digest and view checks out\n');
      return;
    }
    process.stdout.write(
      `FAILED: ${findings.length} finding(s); the first:\n  ${describeFinding(findings[0])}\n`,
    );
    for (const finding of findings.slice(1)) process.stdout.write(`  ${describeFinding(finding)}\n`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}
