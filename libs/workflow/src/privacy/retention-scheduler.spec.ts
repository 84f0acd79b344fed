import { randomBytes } from 'node:crypto';
import { InMemoryEventStore, RecordedEvent } from '@psp/event-store';
import { Actor, PersonalDataVault, SqliteVaultStorage } from '@psp/security';
import { CommandRefusedError, StreamNotFoundError } from '../command/command-errors';
import { ForbiddenCommandError } from '../cases/case-access';
import { CaseCommandHandler } from '../cases/case-command-handler';
import { caseCommand } from '../cases/case-commands';
import { loadCase } from '../cases/case-query';
import { caseStreamId } from '../cases/case-stream';
import { eventHash } from '../integrity/event-hash';
import { CASE_RECORD_PURGED, CaseRecordPurgedError } from './case-record-purged';
import { PERSONAL_DATA_ERASED, PersonalDataEraser, personStreamId } from './erasure';
import { DEFAULT_RETENTION_PARAMETERS, retentionSchedule } from './retention-parameters';
import {
  ClosedCaseRow,
  ClosedCases,
  RETENTION_NOTICE_ISSUED,
  RetentionScheduler,
  retentionDue,
  retentionStreamId,
} from './retention-scheduler';

const ASSOCIATION: Actor = {
  subject: 'agent',
  role: 'association',
  departement: '69',
  associationId: 'asso-69',
};
const PREFECTURE: Actor = { subject: 'pref-69', role: 'prefecture', departement: '69' };
const OTHER_PREFECTURE: Actor = { subject: 'pref-13', role: 'prefecture', departement: '13' };

describe('privacy: erasure and retention with a controlled clock (ACL-06, ACL-07, R13, R14)', () => {
  let now: Date;
  const clock = () => now;
  const at = (day: string) => (now = new Date(`${day}T10:00:00.000Z`));
  let store: InMemoryEventStore;
  let vault: PersonalDataVault;
  let handler: CaseCommandHandler;
  let closed: ClosedCases;

  beforeEach(() => {
    at('2024-01-05');
    store = new InMemoryEventStore(clock);
    vault = new PersonalDataVault(new SqliteVaultStorage(':memory:'), randomBytes(32), clock);
    handler = new CaseCommandHandler(
      store,
      vault,
      { agrementValid: async () => true, commissionOpinion: async () => undefined },
      clock,
    );
    // What the case_list view would list: every case stream not purged, with its last event.
    closed = {
      list: async () => {
        const rows = new Map<string, ClosedCaseRow>();
        for (const e of await store.readAll()) {
          if (!e.streamId.startsWith('psp-case-')) continue;
          const caseId = e.streamId.slice('psp-case-'.length);
          if (e.type === CASE_RECORD_PURGED) rows.delete(caseId);
          else
            rows.set(caseId, {
              caseId,
              departement: '69',
              status: 'withdrawn',
              lastEventAt: e.metadata.occurredAt,
            });
        }
        return [...rows.values()];
      },
    };
  });
  afterEach(() => vault.close());

  const openCase = async (key: string) => {
    const { caseId } = await handler.open(
      {
        openedOn: '2024-01-05',
        personAgrees: true,
        victimOf: ['procuring'],
        person: { givenName: 'Unitperson', familyName: 'Retentionvalue', birthDate: '1998-07-21' },
      },
      { actor: ASSOCIATION, commandId: `open-${key}` },
    );
    return caseId;
  };
  const withdraw = async (caseId: string, day: string) => {
    at(day);
    await handler.execute(
      caseCommand('withdraw')!,
      caseId,
      { withdrawnOn: day, recordedBy: 'association', byPerson: true },
      { actor: ASSOCIATION, commandId: `withdraw-${caseId}` },
    );
  };
  const scheduler = () => new RetentionScheduler(store, vault, closed, DEFAULT_RETENTION_PARAMETERS, clock);

  describe('erasure by crypto-shredding', () => {
    it('ACL-07 legal hold: refused while the case is open, and nothing is written', async () => {
      const caseId = await openCase('hold');
      const eraser = new PersonalDataEraser(store, vault, clock);
      await expect(
        eraser.erase({ caseId, basis: 'request' }, { actor: PREFECTURE, commandId: 'erase-1' }),
      ).rejects.toMatchObject({ violations: [expect.objectContaining({ rule: 'ACL-07' })] });
      expect((await vault.read((await loadCase(store, caseId, PREFECTURE)).personRef)).status).toBe(
        'present',
      );
    });

    it('only the préfecture of the case (or the system) erases: others get 403 or 404', async () => {
      const caseId = await openCase('roles');
      await withdraw(caseId, '2024-02-01');
      const eraser = new PersonalDataEraser(store, vault, clock);
      const request = { caseId, basis: 'request' as const };
      await expect(eraser.erase(request, { actor: ASSOCIATION, commandId: 'e-a' })).rejects.toBeInstanceOf(
        ForbiddenCommandError,
      );
      await expect(
        eraser.erase(request, { actor: OTHER_PREFECTURE, commandId: 'e-o' }),
      ).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('deletes the key; the history still replays; the erasure is recorded without personal data', async () => {
      const caseId = await openCase('erase');
      await withdraw(caseId, '2024-02-01');
      const before = await store.readStream(caseStreamId(caseId));
      const eraser = new PersonalDataEraser(store, vault, clock);
      const outcome = await eraser.erase(
        { caseId, basis: 'request' },
        { actor: PREFECTURE, commandId: 'erase' },
      );
      expect(await vault.read(outcome.personRef)).toEqual({ status: 'erased' });
      expect(await store.readStream(caseStreamId(caseId))).toEqual(before);
      expect((await loadCase(store, caseId, PREFECTURE)).view.status).toBe('withdrawn');
      const [erased] = await store.readStream(personStreamId(outcome.personRef));
      expect(erased.type).toBe(PERSONAL_DATA_ERASED);
      expect(JSON.stringify((await store.readAll()).map((e) => [e.data, e.metadata]))).not.toMatch(
        /Unitperson|Retentionvalue|1998-07-21/,
      );
      // Retried with the same command id: the first answer, nothing written; a new one is refused.
      await expect(
        eraser.erase({ caseId, basis: 'request' }, { actor: PREFECTURE, commandId: 'erase' }),
      ).resolves.toMatchObject({ replayed: true });
      await expect(
        eraser.erase({ caseId, basis: 'request' }, { actor: PREFECTURE, commandId: 'erase-again' }),
      ).rejects.toBeInstanceOf(CommandRefusedError);
    });
  });

  describe('retention', () => {
    it('date-effective defaults: a withdrawn case is kept 2 years after its last event, notice 14 days before', () => {
      expect(retentionSchedule('withdrawn', '2024-02-01')).toEqual({
        purgeOn: '2026-02-01',
        noticeFrom: '2026-01-18',
        noticeDays: 14,
      });
      expect(retentionSchedule('completed', '2024-02-29').purgeOn).toBe('2029-02-28');
    });

    it('R14: notice from purgeOn - 14 days, purge on purgeOn; the tombstone keeps the contract', async () => {
      const caseId = await openCase('retention');
      await withdraw(caseId, '2024-02-01');
      const personRef = (await loadCase(store, caseId, PREFECTURE)).personRef;
      const last: RecordedEvent = (await store.readStream(caseStreamId(caseId))).at(-1)!;

      at('2026-01-17');
      expect(await scheduler().runOnce()).toEqual([]);
      expect(await retentionDue(closed, '2026-01-17')).toEqual([]);

      at('2026-01-18');
      expect(await scheduler().runOnce()).toEqual([
        { caseId, action: 'notice', on: '2026-01-18', purgeOn: '2026-02-01' },
      ]);
      expect(await retentionDue(closed, '2026-01-18', '69')).toEqual([
        expect.objectContaining({
          caseId,
          status: 'withdrawn',
          purgeOn: '2026-02-01',
          noticeFrom: '2026-01-18',
        }),
      ]);
      const [notice] = await store.readStream(retentionStreamId(caseId));
      expect(notice).toMatchObject({ type: RETENTION_NOTICE_ISSUED, data: { issuedOn: '2026-01-18' } });

      at('2026-01-31');
      expect(await scheduler().runOnce()).toEqual([]);
      expect((await vault.read(personRef)).status).toBe('present');

      at('2026-02-01');
      expect(await scheduler().runOnce()).toEqual([
        { caseId, action: 'purge', on: '2026-02-01', purgeOn: '2026-02-01' },
      ]);
      const stream = await store.readStream(caseStreamId(caseId));
      expect(stream).toHaveLength(1);
      expect(stream[0]).toMatchObject({
        type: CASE_RECORD_PURGED,
        revision: last.revision + 1,
        data: {
          purgedThroughRevision: last.revision,
          openedOn: '2024-01-05',
          finalStatus: 'withdrawn',
          retentionEndedOn: '2026-02-01',
          purgedOn: '2026-02-01',
        },
        metadata: { previousHash: eventHash(last) },
      });
      expect((stream[0].data as { statusHistory: unknown[] }).statusHistory.at(-1)).toEqual({
        status: 'withdrawn',
        on: '2024-02-01',
      });
      expect(JSON.stringify(stream[0].data)).not.toContain(personRef);
      expect(await vault.read(personRef)).toEqual({ status: 'erased' });
      await expect(loadCase(store, caseId, PREFECTURE)).rejects.toBeInstanceOf(CaseRecordPurgedError);
      await expect(
        handler.execute(caseCommand('close')!, caseId, {}, { actor: PREFECTURE, commandId: 'late' }),
      ).rejects.toBeInstanceOf(CaseRecordPurgedError);
      expect(await scheduler().runOnce()).toEqual([]);
    });

    it('R14: what goes with the case (its documents) is purged on the purge day, before the tombstone, and only then', async () => {
      const caseId = await openCase('retention-documents');
      await withdraw(caseId, '2024-02-01');
      const purged: { caseId: string; streamLength: number }[] = [];
      const withDocuments = () =>
        new RetentionScheduler(store, vault, closed, DEFAULT_RETENTION_PARAMETERS, clock, async (id) => {
          purged.push({ caseId: id, streamLength: (await store.readStream(caseStreamId(id))).length });
        });
      at('2026-01-18');
      await withDocuments().runOnce();
      expect(purged).toEqual([]);
      at('2026-02-01');
      expect((await withDocuments().runOnce()).map((o) => o.action)).toEqual(['purge']);
      expect(purged).toHaveLength(1);
      expect(purged[0].caseId).toBe(caseId);
      expect(purged[0].streamLength).toBeGreaterThan(1); // the record was still there: no tombstone yet
      expect(await store.readStream(caseStreamId(caseId))).toHaveLength(1);
    });

    it('a scheduler that missed the notice window gives the full notice period before purging', async () => {
      const caseId = await openCase('late-run');
      await withdraw(caseId, '2024-02-01');
      at('2026-03-01');
      expect(await scheduler().runOnce()).toEqual([
        { caseId, action: 'notice', on: '2026-03-01', purgeOn: '2026-02-01' },
      ]);
      at('2026-03-14');
      expect(await scheduler().runOnce()).toEqual([]);
      at('2026-03-15');
      expect((await scheduler().runOnce()).map((o) => o.action)).toEqual(['purge']);
    });

    it('an open case is never noticed nor purged', async () => {
      await openCase('open');
      at('2040-01-01');
      expect(await scheduler().runOnce()).toEqual([]);
    });
  });
});
