import { EventStore } from '@psp/event-store';
import { DigestLog, DigestLogDamagedError } from '../digest/digest-log';
import { DigestRecord } from '../digest/digest-record';
import { checkDigestChain, DigestCheck } from './digest-check';
import { IntegrityFinding, sortFindings } from './findings';
import { StreamChainCheck, blameBrokenLink } from './stream-chain';

export interface VerifyProgress {
  readonly events: number;
  readonly position: string;
}

export interface LogVerification {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly digests: number;
  /** Events appended after the last digest: only their stream chain vouches for them. */
  readonly undigestedEvents: number;
  /** Every finding in log order; `findings[0]` names the first wrong event. */
  readonly findings: readonly IntegrityFinding[];
  /** The case streams seen (for the view check). */
  readonly streamIds: readonly string[];
}

/**
 * Reads the whole log once, in global order, and checks every stream's hash chain and every
 * digest: names each altered, removed, reordered or inserted event.
 */
export async function verifyLog(
  store: EventStore,
  log: DigestLog,
  options: { readonly batchSize?: number; readonly onProgress?: (progress: VerifyProgress) => void } = {},
): Promise<LogVerification> {
  const findings: IntegrityFinding[] = [];
  let records: DigestRecord[] = [];
  try {
    records = log.read();
  } catch (error) {
    if (!(error instanceof DigestLogDamagedError)) throw error;
    findings.push({ kind: 'digest', message: error.message });
  }
  findings.push(...checkDigestChain(records));
  const chain = new StreamChainCheck();
  const digests = new DigestCheck(records);
  const streamIds = new Set<string>();
  let after: bigint | undefined;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: options.batchSize ?? 2_000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      chain.add(event);
      digests.add(event);
      streamIds.add(event.streamId);
    }
    events += batch.length;
    after = batch[batch.length - 1].globalPosition;
    options.onProgress?.({ events, position: after.toString() });
  }
  for (const streamId of digests.unseenStreams()) {
    const [head] = await store.readStream(streamId, { maxCount: 1 });
    if (head) chain.addTombstone(head);
  }
  digests.finish(chain.tombstones);
  findings.push(...chain.findings, ...digests.findings);
  for (const link of chain.brokenLinks) {
    const finding = blameBrokenLink(link, (position) => digests.status(position));
    if (finding) findings.push(finding);
  }
  const sorted = sortFindings(findings);
  return {
    ok: sorted.length === 0,
    events,
    streams: chain.streamCount,
    digests: records.length,
    undigestedEvents: digests.undigested,
    findings: sorted,
    streamIds: [...streamIds],
  };
}
