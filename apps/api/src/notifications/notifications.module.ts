import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { EventStore } from '@psp/event-store';
import { OutboxDeliverer, OutboxFeeder, OutboxStore } from '@psp/notifications';
import { ReadModelDatabase } from '@psp/projections';
import { CLOCK } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { PeriodicJob } from '../infrastructure/periodic-job';
import { READ_MODEL } from '../projections/read-model.provider';
import { notificationsConfig } from './notifications-config';
import { OutboxController } from './outbox.controller';

/**
 * Notifications (docs/documents.md, docs/adr/0021): every NOTIFY_INTERVAL_MS the outbox is fed
 * from the events past its checkpoint, then due messages go out over SMTP (at least once, with a
 * stable Message-ID). Several instances may run it: claims are leases in the outbox table.
 */
@Module({ controllers: [OutboxController] })
export class NotificationsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;
  private readonly outbox: OutboxStore;
  private readonly transport?: ReturnType<typeof createTransport>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL) db: ReadModelDatabase,
    @Inject(CLOCK) clock: () => Date,
  ) {
    const config = notificationsConfig();
    const logger = new Logger('notifications');
    this.outbox = new OutboxStore(db);
    const feeder = new OutboxFeeder(store, this.outbox, config.baseUrl, clock);
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : undefined;
    const deliverer = this.transport
      ? new OutboxDeliverer(this.outbox, this.transport, config.directory, config.from, clock)
      : undefined;
    this.job = new PeriodicJob(logger, config.intervalMs, async () => {
      const enqueued = await feeder.runOnce();
      const delivered = deliverer ? await deliverer.runOnce() : { sent: 0, failed: 0 };
      if (enqueued + delivered.sent + delivered.failed > 0) {
        logger.log({ msg: 'notifications', enqueued, sent: delivered.sent, failed: delivered.failed });
      }
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.outbox.migrate();
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
    this.transport?.close();
  }
}
