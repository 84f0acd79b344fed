import { dirname, join, resolve } from 'node:path';
import { DEFAULT_EVENT_STORE_URL } from '@psp/event-store';
import { DEFAULT_AUDIENCE, DEV_ISSUER, TokenVerifierConfig } from '@psp/security';
import { AbuseLimitsConfig, abuseLimitsConfig } from './abuse-limits-config';
import { ParameterTableConfig, loadParameterTable } from './parameter-table';

export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** Where events live: `sqlite:<file>` (default), `postgres://…`, `esdb://…`, `memory:`. */
  readonly eventStoreUrl: string;
  /** Where the personal-data vault lives: `sqlite:<file>` or `postgres://…`. */
  readonly vaultUrl: string;
  /** Where read views live: `sqlite:<file>` or `postgres://…` (default: beside the events). */
  readonly readModelUrl: string;
  /** 32-byte master key (base64) that wraps every person's key; a local file in development. */
  readonly vaultMasterKey?: string;
  /** Folder for local files of development mode (signing key, vault key). */
  readonly dataDir: string;
  readonly environment: 'production' | 'development' | 'test';
  /** How often the deadline scheduler runs in the API process (ms); 0: never. */
  readonly schedulerIntervalMs: number;
  /** `internal` (default): the API feeds the read views itself; `external`: `npm run projector` does. */
  readonly projector: 'internal' | 'external';
  /** The in-process projector's coalescing window (ms): nudges closer than this share one wake. */
  readonly projectorCoalesceMs: number;
  readonly auth: TokenVerifierConfig;
  /** Rate limits per category (R8, docs/security.md). */
  readonly limits: AbuseLimitsConfig;
  /** PD-5: the dated tables in use (`PSP_PARAMETERS_FILE` over the defaults), installed at start. */
  readonly parameterTable?: ParameterTableConfig;
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
  const eventStoreUrl = env.EVENT_STORE_URL ?? DEFAULT_EVENT_STORE_URL;
  const dataDir = resolve(env.DATA_DIR ?? defaultDataDir(eventStoreUrl));
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    eventStoreUrl,
    vaultUrl: env.VAULT_URL ?? besideTheEvents(eventStoreUrl, dataDir, 'psp-vault.sqlite'),
    readModelUrl: env.READ_MODEL_URL ?? besideTheEvents(eventStoreUrl, dataDir, 'psp-read.sqlite'),
    vaultMasterKey: env.VAULT_MASTER_KEY,
    dataDir,
    environment,
    schedulerIntervalMs: nonNegative('SCHEDULER_INTERVAL_MS', env.SCHEDULER_INTERVAL_MS, 60_000),
    projector: projectorMode(env.PROJECTOR),
    projectorCoalesceMs: nonNegative('PROJECTOR_COALESCE_MS', env.PROJECTOR_COALESCE_MS, 10),
    auth: authConfig(env, environment, dataDir),
    limits: abuseLimitsConfig(env),
    parameterTable: loadParameterTable(env, (message) => new ConfigError(message)),
  };
}

function defaultDataDir(eventStoreUrl: string): string {
  if (eventStoreUrl.startsWith('sqlite:') && !eventStoreUrl.startsWith('sqlite::memory:')) {
    return dirname(eventStoreUrl.slice('sqlite:'.length).split('?')[0]);
  }
  return './data';
}

/** The vault and the read views sit beside the events: the same PostgreSQL database, or SQLite files of their own. */
function projectorMode(value: string | undefined): AppConfig['projector'] {
  if (value === undefined || value === '' || value === 'internal') return 'internal';
  if (value === 'external') return 'external';
  throw new ConfigError(`PROJECTOR must be internal or external, got ${value}`);
}

function nonNegative(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a whole number ≥ 0, got ${value}`);
  return n;
}

function besideTheEvents(eventStoreUrl: string, dataDir: string, file: string): string {
  if (/^postgres(ql)?:/.test(eventStoreUrl)) return eventStoreUrl;
  return `sqlite:${join(dataDir, file)}`;
}

function authConfig(
  env: NodeJS.ProcessEnv,
  environment: AppConfig['environment'],
  dataDir: string,
): TokenVerifierConfig {
  const mode = env.AUTH_MODE ?? (environment === 'production' ? 'oidc' : 'dev');
  if (mode !== 'oidc' && mode !== 'dev') throw new ConfigError(`AUTH_MODE must be oidc or dev, got ${mode}`);
  if (mode === 'dev') {
    if (environment === 'production')
      throw new ConfigError('AUTH_MODE=dev is refused when NODE_ENV=production');
    return {
      mode,
      issuer: DEV_ISSUER,
      audience: env.OIDC_AUDIENCE ?? DEFAULT_AUDIENCE,
      devKeyFile: join(dataDir, 'dev-signing-key.json'),
    };
  }
  for (const name of ['OIDC_ISSUER', 'OIDC_JWKS_URL'] as const) {
    if (!env[name]) throw new ConfigError(`${name} is required when AUTH_MODE=oidc`);
  }
  return {
    mode,
    issuer: env.OIDC_ISSUER!,
    audience: env.OIDC_AUDIENCE ?? DEFAULT_AUDIENCE,
    jwksUrl: env.OIDC_JWKS_URL,
    // Agents must log in with more than a password (ProConnect's amr claim).
    requiredAmr: (env.OIDC_REQUIRED_AMR ?? 'mfa,otp,hwk,swk,sms,pop').split(',').filter(Boolean),
  };
}
