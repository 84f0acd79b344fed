import { EventEmitter } from 'node:events';
import { SubscribeOptions, Subscription } from '../port/event-store.port';
import { PollingSource, pollingSubscription } from './polling-subscription';

/**
 * The subscriptions of one store in this process, woken as soon as it appends (or hears that
 * another instance did) instead of waiting for their next poll.
 */
export class LocalWake {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  /** Something may have been written: every subscription reads again now. */
  wake(): void {
    this.emitter.emit('appended');
  }

  /** Catch-up then live delivery over `readAll`, woken by `wake()` or every `pollIntervalMs`. */
  subscribe(
    readAll: PollingSource['readAll'],
    options: SubscribeOptions,
    pollIntervalMs: number,
  ): Subscription {
    return pollingSubscription(
      {
        readAll,
        onWake: (listener) => {
          this.emitter.on('appended', listener);
          return () => this.emitter.off('appended', listener);
        },
      },
      options,
      pollIntervalMs,
    );
  }

  /** The store is closing: no subscription is woken any more (they stop on their own). */
  close(): void {
    this.emitter.removeAllListeners();
  }
}
