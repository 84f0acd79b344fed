import { Logger } from '@nestjs/common';
import { JobLock } from './job-lock';

/**
 * Work the API repeats on an interval (deadlines, retention, digests): never two runs at once,
 * a failed run is logged and the next one tries again, and shutdown waits for the run under way.
 * An interval of 0 or less never starts it. With a lock, a run happens on one instance at a time.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly lock: JobLock = (work) => work(),
  ) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.lock(this.work)
      .catch((error: unknown) => this.logger.error({ msg: 'periodic run failed', error: String(error) }))
      .finally(() => (this.running = undefined));
  }
}
