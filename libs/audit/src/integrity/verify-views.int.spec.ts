import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, openEventStore } from '@psp/event-store';
import { CaseListProjection, Projector, SqliteReadModel, tableNamer } from '@psp/projections';
import { requestOpened } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { caseStreamId } from '@psp/workflow';
import { LIFECYCLE, step } from '../testing/case-steps';
import { verifyCaseViews } from './verify-views';

/** The table behind the stable view rv_case_list (a tamperer edits the table). */
const TABLE = tableNamer({ name: 'case_list' }, new CaseListProjection({} as EventStore).version)();
const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b2';

describe('re-folding every case and comparing it with rv_case_list (real SQLite files)', () => {
  let dir: string;
  let store: EventStore;
  let db: SqliteReadModel;
  let projector: Projector;

  const project = async () => {
    projector = new Projector(store, db, [new CaseListProjection(store)]);
    await projector.start();
    await projector.waitUntilCaughtUp();
    await projector.stop();
  };
  const streams = () => [caseStreamId(A), caseStreamId(B), 'association-x'];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-audit-views-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.sqlite')}`);
    db = new SqliteReadModel(join(dir, 'read.sqlite'));
    for (let i = 0; i < LIFECYCLE.length; i += 1) await step(store, A, i);
    for (let i = 0; i < 3; i += 1) await step(store, B, i);
    await project();
  });

  afterEach(async () => {
    await db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a view built by the projector matches the fold of every case', async () => {
    const result = await verifyCaseViews(store, db, streams());
    expect(result).toMatchObject({ ok: true, cases: 2, skipped: 0, findings: [] });
  });

  it('a view behind the log by events the projector has not reached yet is not a mismatch', async () => {
    for (let i = 3; i < 5; i += 1) await step(store, B, i);
    const result = await verifyCaseViews(store, db, streams());
    expect(result.findings).toEqual([]);
  });

  it('a row edited in the view is named with the columns that differ', async () => {
    await db.run(`UPDATE ${TABLE} SET status = 'closed', used_days = 999 WHERE case_id = ?`, [A]);
    const result = await verifyCaseViews(store, db, streams());
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'view', streamId: caseStreamId(A), revision: 6 }),
    ]);
    expect(result.findings[0].message).toContain('status is closed, the fold gives');
    expect(result.findings[0].message).toContain('used_days is 999');
  });

  it('a row behind the projector checkpoint, a missing row and a row without events are reported', async () => {
    await db.run(`UPDATE ${TABLE} SET revision = 1 WHERE case_id = ?`, [A]);
    await db.run(`DELETE FROM ${TABLE} WHERE case_id = ?`, [B]);
    await db.run(
      `INSERT INTO ${TABLE} (case_id, departement, association_id, person_ref, status, aps_status, afis_status,
         used_days, left_months, left_days, opened_on, revision, updated_at, used_months, used_month_days, cap_months, request_kind)
       VALUES ('00000000-0000-4000-8000-0000000000c3', '69', 'x', 'P', 'requested', 'x', 'x', 0, 24, 0, '2024-01-01', 0, 'x', 0, 0, 24, 'initial')`,
    );
    const result = await verifyCaseViews(store, db, streams());
    const messages = result.findings.map((f) => `${f.streamId}: ${f.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${caseStreamId(A)}: rv_case_list is at revision 1 although`),
        expect.stringContaining(`${caseStreamId(B)}: the case is missing from rv_case_list`),
        expect.stringContaining('0000000000c3: rv_case_list has a row for a case with no events'),
      ]),
    );
  });

  it('a stream written by a machine version this code does not know is refused, not folded', async () => {
    const C = '00000000-0000-4000-8000-0000000000c4';
    const opened = requestOpened({ departement: '69' });
    await store.append(
      caseStreamId(C),
      [
        {
          id: '22222222-2222-4222-8222-222222222222',
          type: opened.type,
          data: opened.data,
          metadata: {
            occurredAt: '2024-01-05T10:00:00.000Z',
            schemaVersion: 1,
            machineVersion: 'psp-case@0',
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const result = await verifyCaseViews(store, db, [...streams(), caseStreamId(C)]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'machine',
        streamId: caseStreamId(C),
        revision: 0,
        message: expect.stringContaining('psp-case@0'),
      }),
    ]);
  });
});
