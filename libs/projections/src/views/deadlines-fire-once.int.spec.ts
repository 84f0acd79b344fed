import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '@psp/event-store';
import { PspCaseEvent, pspEvent } from '@psp/psp-case';
import { PersonalDataVault } from '@psp/security';
import {
  CaseCommandHandler,
  DeadlineOutcome,
  DeadlineScheduler,
  RegistryFacts,
  caseStreamId,
} from '@psp/workflow';
import {
  apsDecision,
  completeChecklist,
  foreignNationalCase,
  renewal,
} from '../../../../state-machines/psp-case/src/testing/fixtures';
import { Projector } from '../projector/projector';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { CaseListDueCases } from './case-list-due-cases';
import { CaseListProjection } from './case-list.projection';
import { DeadlinesProjection } from './deadlines.projection';

/**
 * Timers are data, and a deadline acted on is gone: after the scheduler expires an APS (APS-05),
 * neither the case list's next deadline nor the deadlines view still shows the old expiry, and
 * running the scheduler again and again issues no further command (nor any outcome to log).
 */
describe('APS-05: a deadline fires once, then leaves the views', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-deadline-once-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('APS-05: an expired APS is expired once; twenty scheduler runs later the views hold the next real deadline only', async () => {
    const store = new InMemoryEventStore();
    // A foreign national in the PSP, APS valid to 2025-03-19, the parcours renewed to September 2025.
    const events: PspCaseEvent[] = [
      ...foreignNationalCase('2024-09-02'),
      pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist() }),
      apsDecision('2024-09-20', { validTo: '2025-03-19' }),
      ...renewal('2025-02-20'),
    ];
    await store.append(
      caseStreamId('case-aps'),
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { schemaVersion: event.schemaVersion, occurredAt: '2025-02-20T09:00:00.000Z' },
      })),
      { expectedRevision: 'no_stream' },
    );
    const db = new SqliteReadModel(join(dir, 'read.sqlite'));
    const projector = new Projector(store, db, [
      new CaseListProjection(store),
      new DeadlinesProjection(store),
    ]);
    await projector.start();
    await projector.waitUntilCaughtUp();
    const clock = () => new Date('2025-04-15T06:00:00Z');
    const handler = new CaseCommandHandler(
      store,
      {} as PersonalDataVault, // expire-aps reads no personal data
      {} as RegistryFacts, // nor any registry fact
      clock,
    );
    const scheduler = new DeadlineScheduler(store, handler, new CaseListDueCases(db), clock);

    const outcomes: DeadlineOutcome[] = [];
    for (let run = 0; run < 20; run += 1) {
      outcomes.push(...(await scheduler.runOnce()));
      await projector.waitUntilCaughtUp();
    }

    expect(outcomes).toEqual([
      expect.objectContaining({ caseId: 'case-aps', command: 'expire-aps', on: '2025-03-20' }),
    ]);
    const written = (await store.readStream(caseStreamId('case-aps'))).filter((e) => e.type === 'ApsExpired');
    expect(written).toHaveLength(1);
    const [row] = await db.all<{ aps_expiry: string | null; next_deadline: string | null }>(
      "SELECT aps_expiry, next_deadline FROM rv_case_list WHERE case_id = 'case-aps'",
    );
    expect(row.aps_expiry).toBeNull();
    expect(row.next_deadline! > '2025-04-15').toBe(true);
    const kinds = await db.all<{ kind: string }>(
      "SELECT kind FROM rv_deadlines WHERE subject_id = 'case-aps' ORDER BY kind",
    );
    expect(kinds.map((k) => k.kind)).not.toContain('aps_expiry');
    await projector.stop();
    await db.close();
  });
});
