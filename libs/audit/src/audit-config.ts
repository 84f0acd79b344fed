import { join, resolve } from 'node:path';
import { AppConfig, ConfigError } from '@psp/runtime';

export interface AuditConfig {
  /** Directory of the digest log, apart from the event store (ADR 0007). */
  readonly digestDir: string;
  /** How often the API records a digest (ms); 0: never (a cron runs `npm run cli -- digest`). */
  readonly digestIntervalMs: number;
}

/** DIGEST_DIR (default `<DATA_DIR>/digests`) and DIGEST_INTERVAL_MS (default one hour). */
export function loadAuditConfig(
  config: Pick<AppConfig, 'dataDir'>,
  env: NodeJS.ProcessEnv = process.env,
): AuditConfig {
  const interval = env.DIGEST_INTERVAL_MS ?? '3600000';
  const digestIntervalMs = Number(interval);
  if (!/^\d+$/.test(interval) || !Number.isSafeInteger(digestIntervalMs)) {
    throw new ConfigError(`DIGEST_INTERVAL_MS must be a whole number ≥ 0, got ${interval}`);
  }
  return { digestDir: resolve(env.DIGEST_DIR ?? join(config.dataDir, 'digests')), digestIntervalMs };
}
