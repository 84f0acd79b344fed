import { ConfigError } from './app-config';

/** Request categories that have their own rate limit (R8). */
export const LIMIT_CATEGORIES = ['authentication', 'search', 'export', 'command', 'read'] as const;
export type LimitCategory = (typeof LIMIT_CATEGORIES)[number];

/** Requests per minute for each category; `enabled: false` switches rate limiting off (tests only). */
export interface AbuseLimitsConfig {
  readonly enabled: boolean;
  readonly perMinute: Readonly<Record<LimitCategory, number>>;
}

/**
 * Defaults: generous for a person at a screen, tight for a script. Authentication failures are
 * counted per IP address, everything else per token subject.
 */
export const DEFAULT_LIMITS_PER_MINUTE: Readonly<Record<LimitCategory, number>> = {
  authentication: 60,
  search: 600,
  export: 30,
  command: 600,
  read: 3_000,
};

const ENV_NAMES: Readonly<Record<LimitCategory, string>> = {
  authentication: 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE',
  search: 'RATE_LIMIT_SEARCHES_PER_MINUTE',
  export: 'RATE_LIMIT_EXPORTS_PER_MINUTE',
  command: 'RATE_LIMIT_COMMANDS_PER_MINUTE',
  read: 'RATE_LIMIT_READS_PER_MINUTE',
};

/** Reads `RATE_LIMITS=off` and `RATE_LIMIT_*_PER_MINUTE` (whole numbers ≥ 1). */
export function abuseLimitsConfig(env: NodeJS.ProcessEnv): AbuseLimitsConfig {
  const switchValue = (env.RATE_LIMITS ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(switchValue))
    throw new ConfigError(`RATE_LIMITS must be on or off, got ${env.RATE_LIMITS}`);
  if (switchValue === 'off' && env.NODE_ENV === 'production')
    throw new ConfigError('RATE_LIMITS=off is refused when NODE_ENV=production');
  const perMinute = { ...DEFAULT_LIMITS_PER_MINUTE };
  for (const category of LIMIT_CATEGORIES) {
    const value = env[ENV_NAMES[category]];
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new ConfigError(`${ENV_NAMES[category]} must be a whole number ≥ 1, got ${value}`);
    perMinute[category] = n;
  }
  return { enabled: switchValue === 'on', perMinute };
}
