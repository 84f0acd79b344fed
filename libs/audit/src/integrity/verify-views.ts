import { EventStore, RecordedEvent } from '@psp/event-store';
import { ReadModelDatabase } from '@psp/projections';
import { caseView } from '@psp/psp-case';
import { caseIdOf, caseStreamId, isCaseEventType } from '@psp/workflow';
import { PURGE_TOMBSTONE_TYPE } from '../history/auditor-scope';
import { IntegrityFinding, sortFindings } from './findings';
import { foldWithRecordedMachine } from './machine-versions';

/** The columns of `rv_case_list` that the fold decides. */
const COMPARED = [
  'departement',
  'association_id',
  'person_ref',
  'status',
  'stage',
  'aps_status',
  'afis_status',
  'period_index',
  'period_end',
  'used_days',
  'left_months',
  'left_days',
  'cap_date',
  'aps_expiry',
  'observations_deadline',
  'opened_on',
] as const;

type Compared = (typeof COMPARED)[number];
type CaseListRow = Record<Compared, string | number | bigint | null> & {
  case_id: string;
  revision: number | string;
};

export interface ViewVerification {
  readonly ok: boolean;
  readonly cases: number;
  /** Cases whose events the projector has not reached yet, or parked: not compared. */
  readonly skipped: number;
  readonly findings: readonly IntegrityFinding[];
}

function normalise(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

/** What `rv_case_list` must hold for this case after these events (the fold, through caseView). */
export function expectedCaseListRow(
  events: readonly RecordedEvent[],
): Record<Compared, string | number | null> | string {
  const fold = foldWithRecordedMachine(events);
  if (!fold.ok) return fold.reason;
  const view = caseView(fold.state);
  const c = fold.state.context;
  const last = view.periods[view.periods.length - 1];
  return {
    departement: c.departement ?? '',
    association_id: c.associationId ?? '',
    person_ref: c.personRef ?? '',
    status: view.status,
    stage: view.stage ?? null,
    aps_status: view.aps.status,
    afis_status: view.afis.status,
    period_index: last?.index ?? null,
    period_end: last?.end ?? null,
    used_days: view.rights.usedDays,
    left_months: view.rights.left.months,
    left_days: view.rights.left.days,
    cap_date: view.deadlines.capDate ?? null,
    aps_expiry: view.deadlines.apsExpiry ?? null,
    observations_deadline: view.deadlines.observationsDeadline ?? null,
    opened_on: c.openedOn ?? '',
  };
}

/**
 * Re-folds every case stream with the machine version that wrote it and compares the result with
 * its `rv_case_list` row, at the revision the row says it reflects. A row behind the projector's
 * checkpoint, ahead of the log, missing, or without events is reported too.
 */
export async function verifyCaseViews(
  store: EventStore,
  db: ReadModelDatabase,
  streamIds: readonly string[],
): Promise<ViewVerification> {
  const findings: IntegrityFinding[] = [];
  let active: { version: number | string; position: string } | undefined;
  try {
    [active] = await db.all<{ version: number | string; position: string }>(
      `SELECT a.version AS version, c.position AS position FROM projection_active a
       JOIN projection_checkpoints c ON c.projection = a.projection AND c.version = a.version
       WHERE a.projection = 'case_list'`,
    );
  } catch {
    active = undefined;
  }
  const caseStreams = streamIds.filter((id) => caseIdOf(id) !== undefined);
  if (!active) {
    if (caseStreams.length > 0)
      findings.push({ kind: 'view', message: 'the case_list view has never been built' });
    return { ok: findings.length === 0, cases: caseStreams.length, skipped: caseStreams.length, findings };
  }
  const checkpoint = BigInt(active.position);
  const parked = new Set(
    (
      await db.all<{ stream_id: string }>(
        `SELECT stream_id FROM projection_parked WHERE projection = 'case_list' AND version = ?`,
        [Number(active.version)],
      )
    ).map((r) => r.stream_id),
  );
  const rows = new Map(
    (await db.all<CaseListRow>(`SELECT case_id, revision, ${COMPARED.join(', ')} FROM rv_case_list`)).map(
      (r) => [r.case_id, r],
    ),
  );
  let skipped = 0;
  for (const streamId of caseStreams) {
    const caseId = caseIdOf(streamId)!;
    const row = rows.get(caseId);
    rows.delete(caseId);
    const events = await store.readStream(streamId);
    if (parked.has(streamId) || events.some((e) => e.type === PURGE_TOMBSTONE_TYPE)) {
      skipped += 1;
      continue;
    }
    const caseEvents = events.filter((e) => isCaseEventType(e.type));
    const whole = foldWithRecordedMachine(caseEvents);
    if (!whole.ok) {
      findings.push({
        kind: 'machine',
        streamId,
        revision: whole.event.revision,
        globalPosition: whole.event.globalPosition.toString(),
        message: whole.reason,
      });
      continue;
    }
    const reached = caseEvents.filter((e) => e.globalPosition <= checkpoint);
    const last = caseEvents[caseEvents.length - 1];
    const at = (event: RecordedEvent | undefined) => ({
      streamId,
      revision: event?.revision,
      globalPosition: event?.globalPosition.toString(),
    });
    if (!row) {
      if (reached.length > 0) {
        findings.push({
          kind: 'view',
          ...at(reached[reached.length - 1]),
          message: 'the case is missing from rv_case_list',
        });
      } else skipped += 1;
      continue;
    }
    const rowRevision = Number(row.revision);
    const upTo = caseEvents.filter((e) => e.revision <= rowRevision);
    const expectedAtLeast = reached[reached.length - 1]?.revision ?? -1;
    if (rowRevision > (last?.revision ?? -1)) {
      findings.push({
        kind: 'view',
        ...at(last),
        message: `rv_case_list says revision ${rowRevision}, beyond the log's last revision`,
      });
      continue;
    }
    if (rowRevision < expectedAtLeast) {
      findings.push({
        kind: 'view',
        ...at(reached[reached.length - 1]),
        message: `rv_case_list is at revision ${rowRevision} although the projector's checkpoint covers revision ${expectedAtLeast}`,
      });
      continue;
    }
    const expected = expectedCaseListRow(upTo);
    if (typeof expected === 'string') {
      findings.push({ kind: 'machine', ...at(upTo[upTo.length - 1]), message: expected });
      continue;
    }
    const wrong = COMPARED.filter((column) => normalise(row[column]) !== normalise(expected[column]));
    if (wrong.length > 0) {
      findings.push({
        kind: 'view',
        ...at(upTo[upTo.length - 1]),
        message: `rv_case_list differs from the fold at revision ${rowRevision}: ${wrong
          .map((c) => `${c} is ${normalise(row[c])}, the fold gives ${normalise(expected[c])}`)
          .join('; ')}`,
      });
    }
  }
  for (const caseId of rows.keys()) {
    findings.push({
      kind: 'view',
      streamId: caseStreamId(caseId),
      message: 'rv_case_list has a row for a case with no events in the log',
    });
  }
  const sorted = sortFindings(findings);
  return { ok: sorted.length === 0, cases: caseStreams.length, skipped, findings: sorted };
}
