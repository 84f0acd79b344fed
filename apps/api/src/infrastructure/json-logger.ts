import { LoggerService } from '@nestjs/common';

/**
 * One JSON object per line on stdout/stderr. Callers log identifiers, routes, statuses and
 * durations only: never a request body, a name, or anything from the vault.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly silent = false) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, _trace?: string, context?: string): void {
    this.write('error', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(): void {}
  verbose(): void {}

  private write(level: string, message: unknown, context?: string): void {
    if (this.silent) return;
    const fields = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    const line = JSON.stringify({ time: new Date().toISOString(), level, context, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  }
}
