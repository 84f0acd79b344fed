import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@psp/event-store';
import { AppConfig } from '@psp/runtime';
import { AuditConfig, DigestLog, DigestLogBusyError, loadAuditConfig, writeDigests } from '@psp/audit';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK } from '../infrastructure/clock';
import { PeriodicJob } from '../infrastructure/periodic-job';
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
  private readonly job: PeriodicJob;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DIGEST_LOG) log: DigestLog,
    @Inject(AUDIT_CONFIG) config: AuditConfig,
    @Inject(CLOCK) clock: () => Date,
  ) {
    const logger = new Logger('digests');
    this.job = new PeriodicJob(logger, config.digestIntervalMs, async () => {
      try {
        for (const r of await writeDigests(store, log, clock))
          logger.log({
            msg: 'digest recorded',
            sequence: r.sequence,
            count: r.count,
            toPosition: r.toPosition,
          });
      } catch (error) {
        if (!(error instanceof DigestLogBusyError)) throw error; // another process is writing one
      }
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}
