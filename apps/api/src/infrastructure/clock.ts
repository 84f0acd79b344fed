import { AppConfig, ConfigError } from '@psp/runtime';

/** The injectable clock: recorded-at times and "today" for the deadline scheduler; tests move it. */
export const CLOCK = Symbol('CLOCK');

/**
 * The real clock, or in development and tests a fixed instant from `PSP_CLOCK_FIXED`
 * (`2031-01-01` = noon UTC that day, or a full ISO timestamp), so that a test can run the API
 * process "on" a date (retention, deadlines). Refused when NODE_ENV=production.
 */
export function clockFromEnvironment(
  config: Pick<AppConfig, 'environment'>,
  env: NodeJS.ProcessEnv = process.env,
): () => Date {
  const fixed = env.PSP_CLOCK_FIXED;
  if (fixed === undefined || fixed === '') return () => new Date();
  if (config.environment === 'production') {
    throw new ConfigError('PSP_CLOCK_FIXED is refused when NODE_ENV=production: the clock is the real one');
  }
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? `${fixed}T12:00:00.000Z` : fixed;
  const at = Date.parse(instant);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(fixed)) {
    throw new ConfigError(`PSP_CLOCK_FIXED must be a date YYYY-MM-DD or an ISO timestamp, got ${fixed}`);
  }
  return () => new Date(at);
}
