import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { PspCaseEvent, pspEvent } from '@psp/psp-case';
import { caseAggregate, caseStreamId, configureFoldCache, executeCommand, foldCacheOf } from '@psp/workflow';
import { machineDecision } from '@psp/workflow/testing';
import { activeCase, renewal } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { allProjections } from '../views/all-projections';
import { Projector } from './projector';
import { dumpViews } from './view-dump';

/** A case command as the API runs it: decided by the machine, the next state handed on (ADR 0026). */
const command = (event: PspCaseEvent) => machineDecision(event, { handOnState: true });

const followUp = (recordedOn: string) =>
  pspEvent('CommissionFollowUpRecorded', {
    recordedOn,
    sessionId: 'session-69-2024-06-01',
    safetyConcern: false,
    accessToRightsConcern: false,
    commitmentsKept: 'kept',
  });

/**
 * After a restart the views' own caches are empty: a view then takes the state before a case's
 * event from the workflow's fold cache (the state the command decided on) and leaves its unchanged
 * rows alone. The tables must equal views built from scratch, which rewrite every case each time.
 */
describe('views fed by a process that just decided the commands (ADR 0026)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'psp-after-restart-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('equal the views rebuilt from the log, renewals (rows changed) and follow-ups (rows unchanged) included', async () => {
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ file, synchronous: 'OFF' });
    configureFoldCache(store, {});
    const cases = ['a', 'b', 'c'].map((id) => caseStreamId(`case-${id}`));
    const run = async (events: readonly PspCaseEvent[], from: number, restarted = false) => {
      for (const [i, event] of events.entries()) {
        for (const streamId of cases) {
          // After a restart, every time: the views' own caches are empty when the event comes.
          const projector = restarted
            ? new Projector(store, live, allProjections(store), { batchSize: 1 })
            : undefined;
          await projector?.start();
          await projector?.waitUntilCaughtUp(60_000);
          await executeCommand(
            store,
            caseAggregate,
            streamId,
            { commandId: `${streamId}-${from + i}`, actor: { id: 'a', role: 'system' } },
            command(event),
            { mode: from + i === 0 ? 'create' : 'update' },
          );
          // As the API does: nudged after the command, so the view meets the event while the
          // fold cache still holds the state the command decided on.
          projector?.nudge();
          await projector?.waitUntilCaughtUp(60_000);
          await projector?.stop();
        }
      }
    };
    const live = new SqliteReadModel(join(dir, 'live.sqlite'));
    // Before: the cases opened and authorised, projected by a first projector.
    const opened = activeCase();
    await run(opened, 0);
    const first = new Projector(store, live, allProjections(store), { batchSize: 1 });
    await first.start();
    await first.waitUntilCaughtUp(60_000);
    await first.stop();
    // Then each command with a projector just started: the state before comes from the fold cache.
    const fromFoldCache = jest.spyOn(foldCacheOf(store), 'stateAt');
    const later = [followUp('2024-05-02'), ...renewal('2024-08-20'), followUp('2024-09-10')];
    await run(later, opened.length, true);
    expect(fromFoldCache.mock.results.filter((r) => r.value !== undefined).length).toBeGreaterThan(
      later.length,
    );
    const after = new Projector(store, live, allProjections(store), { batchSize: 1 });
    await after.start();
    await after.waitUntilCaughtUp(60_000);

    const fromScratch = new SqliteReadModel(join(dir, 'scratch.sqlite'));
    const otherStore = new SqliteEventStore({ file }); // another object: a fold cache of its own, empty
    const rebuilt = new Projector(otherStore, fromScratch, allProjections(otherStore), { batchSize: 1 });
    await rebuilt.start();
    await rebuilt.waitUntilCaughtUp(60_000);
    try {
      const expected = await dumpViews(fromScratch, rebuilt);
      expect(expected.afis_payments).toBeDefined();
      expect(expected.indicator_facts_periods.length).toBeGreaterThan(cases.length);
      expect(await dumpViews(live, after)).toEqual(expected);
    } finally {
      await after.stop();
      await rebuilt.stop();
      await live.close();
      await fromScratch.close();
      await otherStore.close();
      await store.close();
    }
  });
});
