import { createHash } from 'node:crypto';
import { Transporter } from 'nodemailer';
import { Directory } from './notification';
import { OutboxStore } from './outbox-store';

export interface DeliveryOutcome {
  readonly sent: number;
  readonly failed: number;
}

/**
 * Delivers due outbox messages by e-mail (nodemailer over SMTP), at least once: a message is
 * marked sent only after the server accepted it; a refusal or a broken connection leaves it
 * pending with a growing delay. Its Message-ID is derived from its outbox id, so the rare copy
 * resent after a crash between "accepted" and "marked" can be dropped by the receiver.
 */
export class OutboxDeliverer {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly transport: Transporter,
    private readonly directory: Directory,
    private readonly from: string,
    private readonly clock: () => Date = () => new Date(),
    private readonly options: {
      readonly leaseMs?: number;
      readonly batch?: number;
      readonly maxDelayMs?: number;
    } = {},
  ) {}

  async runOnce(): Promise<DeliveryOutcome> {
    const now = this.clock();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 60_000)).toISOString();
    const due = await this.outbox.claimDue(now.toISOString(), leaseUntil, this.options.batch ?? 20);
    let sent = 0;
    let failed = 0;
    for (const message of due) {
      const to = this.directory.addressOf(message.recipientKind, message.recipientKey);
      if (!to) {
        await this.outbox.markFailed(message.id, 'no address for this recipient', now.toISOString(), true);
        failed += 1;
        continue;
      }
      const messageId = messageIdOf(message.id);
      try {
        await this.transport.sendMail({
          from: this.from,
          to,
          subject: message.subject,
          text: message.body,
          messageId,
          headers: { 'X-PSP-Outbox-Id': createHash('sha256').update(message.id).digest('hex') },
        });
        await this.outbox.markSent(message.id, messageId, this.clock().toISOString());
        sent += 1;
      } catch (error) {
        const delay = Math.min(1000 * 2 ** message.attempts, this.options.maxDelayMs ?? 300_000);
        const code =
          (error as { responseCode?: number; code?: string }).responseCode ??
          (error as { code?: string }).code;
        await this.outbox.markFailed(
          message.id,
          `SMTP ${code ?? 'error'}`,
          new Date(this.clock().getTime() + delay).toISOString(),
        );
        failed += 1;
      }
    }
    return { sent, failed };
  }
}

/** A stable Message-ID per outbox message (RFC 5322), with no personal value. */
export function messageIdOf(outboxId: string): string {
  return `<${createHash('sha256').update(outboxId).digest('hex').slice(0, 32)}@psp-case-engine>`;
}
