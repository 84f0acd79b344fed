import { EventStore, PostgresEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { persistCase } from '@psp/psp-case';
import { activeCase } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { caseAggregate, caseStreamId } from '../cases/case-stream';
import { readCase } from '../cases/case-query';
import { executeCommand } from './execute-command';
import { configureFoldCache, foldCacheOf } from './fold-cache';
import { machineDecision } from '../../testing/machine-decision';

/**
 * ADR 0027 on PostgreSQL: the adapter gives no `recorded` events back, so snapshots are written
 * by the loads; a second process (another store object, an empty cache) starts from them.
 */
describe('durable snapshots on PostgreSQL (ADR 0027)', () => {
  const actor = { id: 'agent', role: 'association' };
  let drop: (() => Promise<void>) | undefined;
  let stores: EventStore[] = [];

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
    await drop?.();
  });

  it("a second process loads a case from the first one's snapshot, and answers an old retry as a replay", async () => {
    const schema = freshSchemaUrl('snapshots_wf');
    drop = schema.drop;
    const { url } = schema;
    const first = await PostgresEventStore.open({ url });
    stores.push(first);
    configureFoldCache(first, { snapshotEvery: 2 });
    const streamId = caseStreamId('case-pg');
    const outcomes = [];
    for (const [i, event] of activeCase().entries()) {
      outcomes.push(
        await executeCommand(
          first,
          caseAggregate,
          streamId,
          { commandId: `c-${i}`, fingerprint: 'f', actor },
          machineDecision(event),
          { mode: i === 0 ? 'create' : 'update' },
        ),
      );
    }
    await readCase(first, 'case-pg');
    await foldCacheOf(first).settled();
    expect(foldCacheOf(first).stats.snapshotsWritten).toBeGreaterThan(0);

    const second = await PostgresEventStore.open({ url });
    stores.push(second);
    const cache = configureFoldCache(second, { snapshotEvery: 2 });
    const again = await executeCommand(
      second,
      caseAggregate,
      streamId,
      { commandId: 'c-0', fingerprint: 'f', actor },
      () => {
        throw new Error('a retry was decided again');
      },
      { mode: 'create' },
    );
    expect(again).toEqual({ ...outcomes[0], replayed: true });
    expect(cache.stats.snapshotLoads).toBe(1);
    const { state, revision } = await readCase(second, 'case-pg');
    expect(revision).toBe(outcomes.length - 1);
    expect(persistCase(state)).toStrictEqual(
      persistCase(caseAggregate.fold(await second.readStream(streamId))),
    );
  });
});
