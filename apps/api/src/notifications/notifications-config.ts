import { Directory, directoryFromJson } from '@psp/notifications';

/** The notification settings, from the environment (README "Configuration"). */
export interface NotificationsConfig {
  /** `SMTP_URL` (`smtp://host:port`, `smtps://user:pass@host`): none, no delivery (the outbox still fills). */
  readonly smtpUrl?: string;
  /** `NOTIFY_FROM`. */
  readonly from: string;
  /** `NOTIFY_DIRECTORY`: the addresses of the associations, the préfecture services and the commission members (JSON). */
  readonly directory: Directory;
  /** `PUBLIC_BASE_URL`: where the links in the messages point. */
  readonly baseUrl: string;
  /** `NOTIFY_INTERVAL_MS` (default 10 000; 0: off, run from another instance). */
  readonly intervalMs: number;
}

export function notificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  const interval = env.NOTIFY_INTERVAL_MS === undefined ? 10_000 : Number(env.NOTIFY_INTERVAL_MS);
  if (!Number.isInteger(interval) || interval < 0)
    throw new Error('NOTIFY_INTERVAL_MS must be a whole number of milliseconds');
  let directory: Directory;
  try {
    directory = directoryFromJson(env.NOTIFY_DIRECTORY);
  } catch {
    throw new Error(
      'NOTIFY_DIRECTORY must be JSON: {"associations": {...}, "prefectures": {...}, "members": {"<département>": {"<member id>": "<address>"}}}',
    );
  }
  return {
    ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
    from: env.NOTIFY_FROM ?? 'psp-case-engine@localhost',
    directory,
    baseUrl: env.PUBLIC_BASE_URL ?? `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? '3000'}`,
    intervalMs: interval,
  };
}
