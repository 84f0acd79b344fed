import { DEFAULT_EVENT_STORE_URL } from '@psp/event-store';

export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** Where events live: `sqlite:<file>` (default), `postgres://…`, `esdb://…`, `memory:`. */
  readonly eventStoreUrl: string;
  readonly environment: 'production' | 'development' | 'test';
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from the environment once, at start, and refuses what it cannot use. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(`PORT must be 0–65535, got ${env.PORT}`);
  const environment =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    eventStoreUrl: env.EVENT_STORE_URL ?? DEFAULT_EVENT_STORE_URL,
    environment,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
