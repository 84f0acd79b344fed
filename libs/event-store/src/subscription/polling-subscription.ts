import { RecordedEvent } from '../port/envelope';
import { SubscribeOptions, Subscription } from '../port/event-store.port';

export interface PollingSource {
  /** Events strictly after `after`, in global order, at most `maxCount`. */
  readAll(after: bigint | undefined, maxCount: number): Promise<RecordedEvent[]>;
  /** Registers a callback for "something may have been written"; returns the unregister function. */
  onWake(listener: () => void): () => void;
}

const DEFAULT_BATCH = 500;

/**
 * Catch-up then live delivery over any store that can read its global log in order:
 * read a batch after the checkpoint, hand each event to the consumer one at a time, and when
 * nothing is left wait for a wake-up (a local append, a NOTIFY) or the poll interval, whichever
 * comes first. The poll interval covers writers the wake-up cannot see (another process).
 */
export function pollingSubscription(
  source: PollingSource,
  options: SubscribeOptions,
  pollIntervalMs: number,
): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let closed = false;
  let wake: (() => void) | undefined;
  let woken = false;
  const unregister = source.onWake(() => {
    woken = true;
    wake?.();
  });

  const waitForMore = () =>
    new Promise<void>((resolve) => {
      if (woken || closed) return resolve();
      const timer = setTimeout(resolve, pollIntervalMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = undefined;
    });

  const run = async () => {
    let position = options.after;
    while (!closed) {
      woken = false;
      const batch = await source.readAll(position, batchSize);
      for (const event of batch) {
        if (closed) return;
        await options.onEvent(event);
        position = event.globalPosition;
      }
      if (batch.length < batchSize) {
        options.onCaughtUp?.(position);
        await waitForMore();
      }
    }
  };

  const done = run()
    .catch((error: unknown) => {
      if (!closed) options.onError?.(error);
    })
    .finally(() => {
      closed = true;
      unregister();
    });

  return {
    done,
    close: async () => {
      closed = true;
      wake?.();
      await done;
    },
  };
}
