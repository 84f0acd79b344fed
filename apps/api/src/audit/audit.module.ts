import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { AppConfig } from '@psp/runtime';
import { AuditConfig, DigestLog, DigestLogBusyError, loadAuditConfig, writeDigests } from '@psp/audit';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK } from '../infrastructure/clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { AUDIT_CONFIG, DIGEST_LOG } from './audit-tokens';
import { CaseAuditController } from './case-audit.controller';
import { VerificationController } from './verification.controller';

/**
 * Auditor tools (history, as-of, verification) and the digest writer: every DIGEST_INTERVAL_MS
 * (default one hour; 0 turns it off when a cron runs `npm run cli -- digest`) the events appended
 * since the last digest are recorded in the digest log under DIGEST_DIR (ADR 0007).
 */
@Module({
  controllers: [CaseAuditController, VerificationController],
  providers: [
    {
      provide: AUDIT_CONFIG,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadAuditConfig(config),
    },
    {
      provide: DIGEST_LOG,
      inject: [AUDIT_CONFIG],
      useFactory: (config: AuditConfig) => new DigestLog(config.digestDir),
    },
  ],
})
export class AuditModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly logger = new Logger('digests');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DIGEST_LOG) private readonly log: DigestLog,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.digestIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = writeDigests(this.store, this.log, this.clock)
        .then((records) => {
          for (const r of records)
            this.logger.log({
              msg: 'digest recorded',
              sequence: r.sequence,
              count: r.count,
              toPosition: r.toPosition,
            });
        })
        .catch((error: unknown) => {
          if (error instanceof DigestLogBusyError) return;
          this.logger.error({ msg: 'digest failed', error: String(error) });
        })
        .finally(() => (this.running = undefined));
    }, this.config.digestIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
