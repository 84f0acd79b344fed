/** One environment variable the product reads (tests' own variables are not listed). */
export interface EnvironmentVariable {
  readonly name: string;
  /** What applies when it is not set. */
  readonly default: string;
  readonly meaning: string;
  /** Never printed (`cli config --check` shows `***`). */
  readonly secret?: boolean;
}

/**
 * Every environment variable the API, the projector and the command line read, in one list:
 * `npm run cli -- config --check` validates them all and prints them, the README's table lists
 * them, and `environment.spec.ts` fails when the code reads a variable that is not here.
 */
export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  { name: 'NODE_ENV', default: 'development', meaning: '`production` requires OIDC and a vault master key; `test` quiets the logs' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'where the API listens' },
  { name: 'PORT', default: '3000', meaning: 'where the API listens (`0`: any free port, printed at start)' },
  { name: 'EVENT_STORE_URL', default: 'sqlite:./data/psp-events.sqlite', meaning: 'where events live: `sqlite:<file>`, `postgres://…`, `esdb://…`, `memory:`', secret: true },
  { name: 'DATA_DIR', default: "the SQLite file's folder, else ./data", meaning: 'local files: development keys, the vault and read views on SQLite' },
  { name: 'VAULT_URL', default: 'beside the events', meaning: 'personal data, encrypted per person: `sqlite:<file>` or `postgres://…`', secret: true },
  { name: 'VAULT_MASTER_KEY', default: 'a local file in development', meaning: "32 bytes in base64 that wrap every person's key; required in production", secret: true },
  { name: 'READ_MODEL_URL', default: 'beside the events', meaning: 'read views (`rv_*` tables): `sqlite:<file>` or `postgres://…`', secret: true },
  { name: 'AUTH_MODE', default: 'dev, or oidc in production', meaning: 'where token keys come from' },
  { name: 'OIDC_ISSUER', default: '—', meaning: 'the OIDC issuer (ProConnect) in production' },
  { name: 'OIDC_JWKS_URL', default: '—', meaning: "the issuer's keys" },
  { name: 'OIDC_AUDIENCE', default: 'psp-case-engine', meaning: 'the audience tokens must name' },
  { name: 'OIDC_REQUIRED_AMR', default: 'mfa,otp,hwk,swk,sms,pop', meaning: 'one of these `amr` values is required (multi-factor)' },
  { name: 'SCHEDULER_INTERVAL_MS', default: '60000', meaning: 'how often the API issues the commands of passed deadlines; `0` turns it off' },
  { name: 'PROJECTOR', default: 'internal', meaning: '`external`: the API does not feed the read views, `npm run projector` does' },
  { name: 'PROJECTOR_COALESCE_MS', default: '10', meaning: "under load, the API's projector reads the log at most this often: the commands of the window go to the read views in one batch (`0`: after every command)" },
  { name: 'PROGRESS_EVERY_MS', default: '2000', meaning: 'the standalone projector writes a progress line per view this often while catching up' },
  { name: 'DIGEST_DIR', default: '<DATA_DIR>/digests', meaning: 'the tamper-evidence digest log, kept apart from the store' },
  { name: 'DIGEST_INTERVAL_MS', default: '3600000', meaning: 'how often the API appends a digest (`0`: off, run `cli digest` from cron)' },
  { name: 'PSP_CLOCK_FIXED', default: '—', meaning: "development and tests only: the API's clock stands on this date or instant; refused in production" },
  { name: 'RATE_LIMITS', default: 'on', meaning: '`off` outside production only' },
  { name: 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', default: '60', meaning: 'authentication failures per IP address' },
  { name: 'RATE_LIMIT_SEARCHES_PER_MINUTE', default: '600', meaning: 'searches per token subject' },
  { name: 'RATE_LIMIT_EXPORTS_PER_MINUTE', default: '30', meaning: 'exports per token subject' },
  { name: 'RATE_LIMIT_COMMANDS_PER_MINUTE', default: '600', meaning: 'commands per token subject' },
  { name: 'RATE_LIMIT_READS_PER_MINUTE', default: '3000', meaning: 'reads per token subject' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent (pino); every line of a request carries its requestId and correlationId' },
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', default: '— (no traces)', meaning: 'OpenTelemetry traces (HTTP, command, store) are exported over OTLP/HTTP to this endpoint; off when unset' },
  { name: 'OTEL_SERVICE_NAME', default: 'psp-case-engine', meaning: 'the service name on exported traces' },
  { name: 'INDICATORS_MIN_CELL', default: '11', meaning: 'smallest count `GET /indicators` publishes; below 5 the API refuses to start (ACL-06)' },
  { name: 'PSP_PARAMETERS_FILE', default: '—', meaning: 'a JSON file that extends the dated amount and threshold tables (AFIS scales, RSA lump sum) without a release; checked at start, each change recorded (docs/adr/0014)' },
  { name: 'DOCUMENT_STORE_URL', default: 'file:<DATA_DIR>/documents', meaning: "where the documents' sealed bytes live: `file:<folder>` or `postgres://…?schema=…` (docs/documents.md)", secret: true },
  { name: 'DOCUMENT_MAX_BYTES', default: '10485760', meaning: 'the largest document an upload may carry (413 beyond)' },
  { name: 'SMTP_URL', default: '—', meaning: 'the SMTP server notifications go through; none: the outbox fills, nothing is sent', secret: true },
  { name: 'NOTIFY_DIRECTORY', default: '{}', meaning: 'JSON addresses notifications go to: associations, préfectures, and commission members by département then member id (`members`, ADR 0024)' },
  { name: 'NOTIFY_FROM', default: 'psp-case-engine@localhost', meaning: 'the sender of notifications' },
  { name: 'PUBLIC_BASE_URL', default: 'http://HOST:PORT', meaning: 'where the links of notifications point' },
  { name: 'NOTIFY_INTERVAL_MS', default: '10000', meaning: 'how often the outbox is fed and delivered (`0`: off, docs/adr/0021)' },
  { name: 'CONSOLE_DIR', default: 'dist/console', meaning: 'the built web console served at `/console`; not served when absent (docs/console.md)' },
  { name: 'CONSOLE_OIDC_CLIENT_ID', default: '—', meaning: 'the console\'s public OIDC client id at `OIDC_ISSUER`: with it the console signs in by authorisation code + PKCE (docs/console.md)' },
  { name: 'CONSOLE_OIDC_SCOPE', default: 'openid', meaning: 'the scopes the console asks the issuer for' },
]; // prettier-ignore

/** Each variable with the value in force (secrets masked), and whether it was set. */
export function describeEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): { name: string; value: string; set: boolean }[] {
  return ENVIRONMENT.map((variable) => {
    const raw = env[variable.name];
    const set = raw !== undefined && raw !== '';
    const value = !set ? `(default: ${variable.default})` : variable.secret ? '***' : raw;
    return { name: variable.name, value, set };
  });
}
