import { PassThrough } from 'node:stream';
import { Subscription as ClientSubscription } from '@kurrent/kurrentdb-client/dist/streams/utils/Subscription';
import type { Position } from '@kurrent/kurrentdb-client';
import { RecordedEvent } from '../../port/envelope';
import { SubscribeOptions } from '../../port/event-store.port';
import { CatchUpSource, runCatchUpSubscription } from './eventstoredb-subscription';

/**
 * The delivery loop runs on the client's own Subscription class (the Transform the client hands
 * out), fed by a fake gRPC response stream: the order in which the client emits `caughtUp`
 * relative to buffered events is the real one.
 */
function fakeServer() {
  const grpc = new PassThrough({ objectMode: true }) as PassThrough & { cancel(): void };
  let cancelled = false;
  grpc.cancel = () => {
    cancelled = true;
    grpc.end();
  };
  let opened: Position | 'start' | undefined;
  const open = (from: Position | 'start'): CatchUpSource => {
    opened = from;
    const subscription = new ClientSubscription(
      async () => grpc as never,
      ((event: unknown) => event) as never,
      { highWaterMark: 4 },
    );
    return subscription as unknown as CatchUpSource;
  };
  let revision = 0;
  const send = (position: bigint, overrides: Record<string, unknown> = {}) =>
    grpc.write({
      hasEvent: () => true,
      getEvent: () => ({
        event: {
          streamId: 'case-1',
          id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
          revision: BigInt(revision++),
          type: 'Happened',
          isJson: true,
          created: new Date('2024-01-01T00:00:00.000Z'),
          data: { position: Number(position) },
          metadata: { occurredAt: '2024-01-01T00:00:00.000Z', schemaVersion: 1 },
          position: { commit: position, prepare: position },
          ...overrides,
        },
      }),
    });
  return {
    open,
    opened: () => opened,
    send,
    caughtUp: () =>
      grpc.write({ hasCaughtUp: () => true, getCaughtUp: () => ({ hasTimestamp: () => false }) }),
    fellBehind: () =>
      grpc.write({ hasFellBehind: () => true, getFellBehind: () => ({ hasTimestamp: () => false }) }),
    fail: (error: Error) => grpc.destroy(error),
    end: () => grpc.end(),
    cancelled: () => cancelled,
  };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await tick(2);
  }
}

/** A consumer that records what it sees, with a slow handler to let events pile up. */
function consumer(overrides: Partial<SubscribeOptions> = {}, delayMs = 3) {
  const log: string[] = [];
  const seen: RecordedEvent[] = [];
  const errors: unknown[] = [];
  let running = 0;
  let maxRunning = 0;
  const options: SubscribeOptions = {
    onEvent: async (event) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await tick(delayMs);
      seen.push(event);
      log.push(`event ${event.globalPosition}`);
      running -= 1;
    },
    onCaughtUp: (position) => log.push(`caught up at ${position}`),
    onError: (error) => errors.push(error),
    ...overrides,
  };
  return { options, log, seen, errors, maxRunning: () => maxRunning };
}

describe('EventStoreDB catch-up subscription delivery', () => {
  it('delivers history one event at a time, in order, and only then says it caught up', async () => {
    const server = fakeServer();
    const c = consumer();
    for (const p of [100n, 200n, 300n, 400n, 500n, 600n]) server.send(p);
    server.caughtUp(); // arrives while most of the history still waits in the buffer
    const subscription = runCatchUpSubscription(server.open, c.options);
    await waitFor(() => c.log.some((line) => line.startsWith('caught up')));
    expect(c.log).toEqual([
      'event 100',
      'event 200',
      'event 300',
      'event 400',
      'event 500',
      'event 600',
      'caught up at 600',
    ]);
    expect(c.maxRunning()).toBe(1);
    await subscription.close();
    expect(c.errors).toEqual([]);
  });

  it('says it caught up at once when the server goes live with nothing to deliver', async () => {
    const server = fakeServer();
    const c = consumer();
    const subscription = runCatchUpSubscription(server.open, { ...c.options, after: 4096n });
    server.caughtUp();
    await waitFor(() => c.log.length > 0);
    expect(c.log).toEqual(['caught up at 4096']);
    await subscription.close();
  });

  it('keeps delivering live events after catching up, and reports each time it is idle again', async () => {
    const server = fakeServer();
    const c = consumer();
    server.send(100n);
    server.caughtUp();
    const subscription = runCatchUpSubscription(server.open, c.options);
    await waitFor(() => c.log.length === 2);
    server.send(200n);
    await waitFor(() => c.log.length === 4);
    expect(c.log).toEqual(['event 100', 'caught up at 100', 'event 200', 'caught up at 200']);
    server.fellBehind();
    server.send(300n);
    server.send(400n);
    server.caughtUp();
    await waitFor(() => c.log.length === 7);
    expect(c.log.slice(4)).toEqual(['event 300', 'event 400', 'caught up at 400']);
    await subscription.close();
  });

  it('starts at {p, p} for checkpoint p and drops the event at the checkpoint itself', async () => {
    const server = fakeServer();
    const c = consumer();
    server.send(4096n); // a read from {p, p} includes p
    server.send(8192n);
    const subscription = runCatchUpSubscription(server.open, { ...c.options, after: 4096n });
    await waitFor(() => c.seen.length === 1);
    await tick(10);
    expect(server.opened()).toEqual({ commit: 4096n, prepare: 4096n });
    expect(c.seen.map((e) => e.globalPosition)).toEqual([8192n]);
    await subscription.close();
  });

  it('starts at the beginning without a checkpoint and skips system events', async () => {
    const server = fakeServer();
    const c = consumer();
    server.send(10n, { type: '$metadata', streamId: '$$case-1' });
    server.send(20n);
    server.send(30n, { type: '$>', streamId: '$ce-case' });
    server.send(40n);
    const subscription = runCatchUpSubscription(server.open, c.options);
    await waitFor(() => c.seen.length === 2);
    expect(server.opened()).toBe('start');
    expect(c.seen.map((e) => e.globalPosition)).toEqual([20n, 40n]);
    await subscription.close();
  });

  it('stops at the first handler failure, reports it once, and cancels the server subscription', async () => {
    const server = fakeServer();
    const handled: bigint[] = [];
    const errors: unknown[] = [];
    for (const p of [1n, 2n, 3n, 4n]) server.send(p);
    const subscription = runCatchUpSubscription(server.open, {
      onEvent: (event) => {
        if (event.globalPosition === 2n) throw new Error('projection cannot handle this event');
        handled.push(event.globalPosition);
      },
      onError: (error) => errors.push(error),
    });
    await subscription.done;
    expect(handled).toEqual([1n]);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('cannot handle');
    await waitFor(() => server.cancelled());
  });

  it('close() waits for the handler in progress and delivers nothing after it', async () => {
    const server = fakeServer();
    const c = consumer({}, 30);
    for (const p of [1n, 2n, 3n]) server.send(p);
    const subscription = runCatchUpSubscription(server.open, c.options);
    await tick(10); // the first handler is running
    await subscription.close();
    expect(c.seen.map((e) => e.globalPosition)).toEqual([1n]);
    server.send(4n);
    await tick(20);
    expect(c.seen).toHaveLength(1);
    expect(c.errors).toEqual([]);
    await waitFor(() => server.cancelled());
  });

  it('reports a dropped subscription (server error) and stops', async () => {
    const server = fakeServer();
    const c = consumer();
    server.send(1n);
    const subscription = runCatchUpSubscription(server.open, c.options);
    await waitFor(() => c.seen.length === 1);
    server.fail(new Error('connection reset by peer'));
    await subscription.done;
    expect(c.errors).toHaveLength(1);
  });

  it('reports a subscription the server ended without being asked to', async () => {
    const server = fakeServer();
    const c = consumer();
    server.send(1n);
    server.end();
    const subscription = runCatchUpSubscription(server.open, c.options);
    await subscription.done;
    expect(c.seen).toHaveLength(1);
    expect(String(c.errors[0])).toContain('ended');
  });

  it('refuses an event whose position cannot be one number, rather than deliver it', async () => {
    const server = fakeServer();
    const c = consumer();
    server.send(5n);
    server.send(6n, { position: { commit: 900n, prepare: 6n } });
    const subscription = runCatchUpSubscription(server.open, c.options);
    await subscription.done;
    expect(c.seen.map((e) => e.globalPosition)).toEqual([5n]);
    expect(String(c.errors[0])).toContain('explicit');
  });

  it('does not let a throwing error handler escape as an unhandled rejection', async () => {
    const server = fakeServer();
    server.send(1n);
    const subscription = runCatchUpSubscription(server.open, {
      onEvent: () => {
        throw new Error('handler failed');
      },
      onError: (error) => {
        throw error;
      },
    });
    await expect(subscription.done).resolves.toBeUndefined();
  });
});
