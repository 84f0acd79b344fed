import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { CommissionCommandHandler, commissionCommand } from '@psp/workflow';
import { Projector } from '../projector/projector';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { CommissionsProjection } from './commissions.projection';
import { DeadlinesProjection } from './deadlines.projection';

const PREFECTURE: Actor = { subject: 'pref', role: 'prefecture', departement: '69' };

/**
 * COM-01 / COM-02 in the read views: ex officio members (2° to 8°) have no term; a named member's
 * term end stays in `rv_deadlines` after it passed (the API lists it as expired) until the term is
 * renewed or a successor takes the seat.
 */
describe('member terms in rv_deadlines and rv_commissions_members (COM-01, COM-02)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-terms-'));
  const store = new InMemoryEventStore();
  const db = new SqliteReadModel(join(dir, 'read.sqlite'));
  const projector = new Projector(store, db, [
    new CommissionsProjection(store),
    new DeadlinesProjection(store),
  ]);
  const commissions = new CommissionCommandHandler(store, () => new Date('2027-03-01T10:00:00Z'));
  let seq = 0;
  const order = (body: Record<string, unknown>, name = 'appoint-members') =>
    commissions.execute(commissionCommand(name)!, 'commission-69', body, {
      actor: PREFECTURE,
      commandId: `terms-${++seq}`,
    });
  const termRows = async () => {
    await projector.waitUntilCaughtUp();
    return db.all<{ subject_id: string; due_on: string }>(
      "SELECT subject_id, due_on FROM rv_deadlines WHERE kind = 'member_term_end' ORDER BY subject_id",
    );
  };

  beforeAll(async () => {
    await commissions.constitute(
      { constitutedOn: '2024-01-10', chairs: [{ memberId: 'chair', role: 'prefet' }] },
      { actor: PREFECTURE, commandId: 'terms-constitute' },
    );
    await order({
      orderedOn: '2024-02-01',
      signatories: ['prefet'],
      appointments: [
        { memberId: 'gendarme', category: 'gendarmerie' },
        { memberId: 'foreigners', category: 'prefecture_foreigners_department' },
        { memberId: 'doc', category: 'doctor' },
        { memberId: 'local', category: 'local_authority' },
      ],
    });
    await projector.start();
  });
  afterAll(async () => {
    await projector.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('COM-01: ex officio members have no term end, in the members view and in the deadlines', async () => {
    expect(await termRows()).toEqual([
      { subject_id: 'doc', due_on: '2027-01-31' },
      { subject_id: 'local', due_on: '2027-01-31' },
    ]);
    const members = await db.all<{ member_id: string; term_end: string | null }>(
      'SELECT member_id, term_end FROM rv_commissions_members ORDER BY member_id',
    );
    expect(members).toEqual([
      { member_id: 'doc', term_end: '2027-01-31' },
      { member_id: 'foreigners', term_end: null },
      { member_id: 'gendarme', term_end: null },
      { member_id: 'local', term_end: '2027-01-31' },
    ]);
  });

  it('COM-02: an ended term stays listed until a successor takes the seat', async () => {
    // 2027-03-01: both terms ended on 2027-01-31; a successor is named to the doctor's seat only
    await order({
      orderedOn: '2027-03-01',
      signatories: ['prefet'],
      appointments: [{ memberId: 'doc-2', category: 'doctor', replacesMemberId: 'doc' }],
    });
    expect(await termRows()).toEqual([
      { subject_id: 'doc-2', due_on: '2030-02-28' },
      { subject_id: 'local', due_on: '2027-01-31' },
    ]);
  });
});
