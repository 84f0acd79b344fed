import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, RecordedEvent } from '@psp/event-store';
import { GENESIS_HASH, eventHash } from '../integrity/event-hash';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  StaleRevisionError,
  StreamNotFoundError,
} from './command-errors';
import { Aggregate, CommandContext, Decision, executeCommand } from './execute-command';

/** A tally that refuses to go past a limit: enough to exercise the pipeline without the PSP machines. */
const tally: Aggregate<{ total: number }> = {
  machineVersion: 'tally@1',
  fold: (events: readonly RecordedEvent[]) => ({
    total: events.reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0),
  }),
};

const add =
  (amount: number, limit = 100) =>
  ({ state }: { state: { total: number } }): Decision =>
    state.total + amount > limit
      ? { accepted: false, violations: [{ rule: 'TEST-01', message: `the tally may not pass ${limit}` }] }
      : {
          accepted: true,
          events: [{ type: 'Added', schemaVersion: 1, data: { amount }, occurredAt: '2024-01-01T00:00:00Z' }],
        };

const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: randomUUID(),
  actor: { id: 'agent-1', role: 'association' },
  ...overrides,
});

describe('executeCommand: load, fold, decide, append', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  it('creates a stream, then updates it, with the full envelope on every event', async () => {
    const created = await executeCommand(store, tally, 'tally-1', context(), add(5), { mode: 'create' });
    expect(created).toMatchObject({ revision: 0, replayed: false });
    const updated = await executeCommand(
      store,
      tally,
      'tally-1',
      context({ correlationId: 'corr-1' }),
      add(7),
      {
        mode: 'update',
      },
    );
    expect(updated.revision).toBe(1);
    const [first, second] = await store.readStream('tally-1');
    expect(second.metadata).toMatchObject({
      actor: { id: 'agent-1', role: 'association' },
      correlationId: 'corr-1',
      machineVersion: 'tally@1',
      schemaVersion: 1,
      occurredAt: '2024-01-01T00:00:00Z',
    });
    expect(first.metadata.previousHash).toBe(GENESIS_HASH);
    expect(second.metadata.previousHash).toBe(eventHash(first));
  });

  it('answers the same command id with the first answer and writes nothing', async () => {
    const ctx = context();
    await executeCommand(store, tally, 'tally-1', context(), add(1), { mode: 'create' });
    const first = await executeCommand(store, tally, 'tally-1', ctx, add(2), { mode: 'update' });
    await executeCommand(store, tally, 'tally-1', context(), add(3), { mode: 'update' });
    const again = await executeCommand(store, tally, 'tally-1', ctx, add(2), { mode: 'update' });
    expect(again).toMatchObject({ revision: first.revision, replayed: true, events: first.events });
    expect(await store.readStream('tally-1')).toHaveLength(3);
  });

  it('refuses a command id already used on another stream', async () => {
    const ctx = context();
    await executeCommand(store, tally, 'tally-1', ctx, add(1), { mode: 'create' });
    await expect(
      executeCommand(store, tally, 'tally-2', ctx, add(1), { mode: 'create' }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream('tally-2')).toEqual([]);
  });

  it('refuses with the rule and writes nothing when the decision refuses', async () => {
    await executeCommand(store, tally, 'tally-1', context(), add(90), { mode: 'create' });
    const error = await executeCommand(store, tally, 'tally-1', context(), add(20), { mode: 'update' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(CommandRefusedError);
    expect(error.message).toBe('TEST-01: the tally may not pass 100');
    expect(await store.readStream('tally-1')).toHaveLength(1);
  });

  it('refuses a stale If-Match revision (412) and an update of a stream that does not exist (404)', async () => {
    await executeCommand(store, tally, 'tally-1', context(), add(1), { mode: 'create' });
    await executeCommand(store, tally, 'tally-1', context(), add(1), { mode: 'update' });
    await expect(
      executeCommand(store, tally, 'tally-1', context({ expectedRevision: 0 }), add(1), { mode: 'update' }),
    ).rejects.toMatchObject({ constructor: StaleRevisionError, actual: 1, expected: 0 });
    await expect(
      executeCommand(store, tally, 'nope', context(), add(1), { mode: 'update' }),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
    expect(await store.readStream('tally-1')).toHaveLength(2);
  });

  it('50 concurrent commands on one stream: each decided on fresh state, none lost, none doubled, the limit holds', async () => {
    await executeCommand(store, tally, 'tally-1', context(), add(0, 40), { mode: 'create' });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        executeCommand(store, tally, 'tally-1', context(), add(1, 40), { mode: 'update', maxAttempts: 100 }),
      ),
    );
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(accepted).toHaveLength(40);
    expect(refused.every((r) => (r as PromiseRejectedResult).reason instanceof CommandRefusedError)).toBe(
      true,
    );
    const events = await store.readStream('tally-1');
    expect(events).toHaveLength(41);
    expect(tally.fold(events).total).toBe(40);
    for (let i = 1; i < events.length; i += 1)
      expect(events[i].metadata.previousHash).toBe(eventHash(events[i - 1]));
  });
});
