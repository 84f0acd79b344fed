import type { AllStreamResolvedEvent, Position } from '@kurrent/kurrentdb-client';
import { RecordedEvent } from '../../port/envelope';
import { SubscribeOptions, Subscription } from '../../port/event-store.port';
import {
  EventStoreDbPositionError,
  isAfter,
  isSystemEvent,
  toReadPosition,
  toRecordedEvent,
} from './eventstoredb-mapping';

/**
 * What the delivery loop needs of a client catch-up subscription to $all (the client's
 * `AllStreamSubscription` has it all): an object-mode readable of resolved events that emits
 * `caughtUp` / `fellBehind` when the server switches between catch-up and live (server 23.10+).
 */
export interface CatchUpSource extends AsyncIterable<AllStreamResolvedEvent> {
  /** Events received from the server but not yet taken by the loop. */
  readonly readableLength: number;
  on(event: 'caughtUp' | 'fellBehind' | 'error', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
  destroy(): unknown;
}

export type OpenCatchUpSource = (from: Position | 'start') => CatchUpSource;

/**
 * Delivers a catch-up subscription with the port's semantics: one event at a time in $all
 * order, the next one only after the handler's promise settles; events at or before the
 * checkpoint are dropped; `onCaughtUp` once everything the server had when it went live is
 * handled, and again whenever, live, the local buffer is empty after an event; the first
 * failure (handler, server, position) stops the subscription and goes to `onError`.
 *
 * The client emits `caughtUp` when it receives the server's message, while events received
 * before it may still wait in the stream's buffer: the marker is placed after those events
 * (`received + readableLength`) so `onCaughtUp` never overtakes an event.
 */
export function runCatchUpSubscription(open: OpenCatchUpSource, options: SubscribeOptions): Subscription {
  let closed = false;
  let received = 0;
  let handled = 0;
  let live = false;
  let lastDelivered: bigint | undefined;
  let failure: { error: unknown } | undefined;
  const markers: { at: number; live: boolean }[] = [];

  const source = open(toReadPosition(options.after));
  // A late error (after the loop has stopped) must not become an uncaught 'error' event.
  source.on('error', () => undefined);

  const stopSource = () => {
    source.destroy();
    void source.unsubscribe().catch(() => undefined);
  };

  const fail = (error: unknown) => {
    if (closed || failure) return;
    failure = { error };
    stopSource();
  };

  /** Applies the markers whose place has been reached; true when one of them says "live". */
  const reachMarkers = (): boolean => {
    let caughtUp = false;
    while (markers.length > 0 && markers[0].at <= handled) {
      const marker = markers.shift()!;
      live = marker.live;
      caughtUp ||= marker.live;
    }
    return caughtUp;
  };

  const caughtUp = () => {
    try {
      options.onCaughtUp?.(lastDelivered ?? options.after);
    } catch (error) {
      fail(error);
    }
  };

  const mark = (isLive: boolean) => {
    if (closed || failure) return;
    markers.push({ at: received + source.readableLength, live: isLive });
    // Idle (every received event handled): the marker applies now.
    if (handled === received && reachMarkers()) caughtUp();
  };
  source.on('caughtUp', () => mark(true));
  source.on('fellBehind', () => mark(false));

  const deliver = async (resolved: AllStreamResolvedEvent) => {
    const event = resolved.event;
    if (!event || isSystemEvent(event)) return;
    const recorded: RecordedEvent = toRecordedEvent(event);
    if (!isAfter(recorded.globalPosition, options.after)) return;
    if (lastDelivered !== undefined && recorded.globalPosition <= lastDelivered) {
      throw new EventStoreDbPositionError(
        `event ${recorded.id} at ${recorded.globalPosition} is not after ${lastDelivered}`,
      );
    }
    await options.onEvent(recorded);
    lastDelivered = recorded.globalPosition;
  };

  const run = async () => {
    for await (const resolved of source) {
      received += 1;
      if (closed || failure) return;
      await deliver(resolved);
      handled += 1;
      if (closed || failure) return;
      if (reachMarkers() || (live && source.readableLength === 0)) caughtUp();
    }
    if (!closed && !failure) throw new Error('the server ended the $all subscription');
  };

  const done = run()
    .catch((error: unknown) => fail(error))
    .then(() => {
      const stopped = failure;
      if (!closed) {
        closed = true;
        stopSource();
      }
      if (stopped) {
        try {
          options.onError?.(stopped.error);
        } catch {
          // A throwing error handler must not turn into an unhandled rejection.
        }
      }
    });

  return {
    done,
    close: async () => {
      if (!closed) {
        closed = true;
        if (!failure) stopSource();
      }
      await done;
    },
  };
}
