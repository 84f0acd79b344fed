import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DigestRecord } from './digest-record';

export const DIGEST_FILE = 'psp-digests.jsonl';
const LOCK_FILE = 'psp-digests.lock';
/** A lock older than this was left by a crashed writer. */
const STALE_LOCK_MS = 10 * 60_000;

/** A line of the digest log that is not a digest record (the log was damaged or edited). */
export class DigestLogDamagedError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`digest log line ${line}: ${reason}`);
    this.name = 'DigestLogDamagedError';
  }
}

/** Another writer holds the digest lock; this round is skipped. */
export class DigestLogBusyError extends Error {
  constructor(file: string) {
    super(`another digest writer holds ${file}`);
    this.name = 'DigestLogBusyError';
  }
}

/**
 * The digest log: an append-only JSON-lines file in a directory of its own, apart from the event
 * store (ADR 0007). Lines are only ever appended (O_APPEND, fsync); one writer at a time (a lock file).
 */
export class DigestLog {
  readonly file: string;
  private readonly lockFile: string;

  constructor(readonly directory: string) {
    this.file = join(directory, DIGEST_FILE);
    this.lockFile = join(directory, LOCK_FILE);
  }

  /** Every record, in order; a damaged line throws DigestLogDamagedError naming it. */
  read(): DigestRecord[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    const records: DigestRecord[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') {
        if (i !== lines.length - 1) throw new DigestLogDamagedError(i + 1, 'empty line');
        return;
      }
      let record: DigestRecord;
      try {
        record = JSON.parse(line) as DigestRecord;
      } catch {
        throw new DigestLogDamagedError(i + 1, 'not JSON');
      }
      if (record?.format !== 1 || !Array.isArray(record.leaves)) {
        throw new DigestLogDamagedError(i + 1, 'not a digest record');
      }
      records.push(record);
    });
    return records;
  }

  append(record: DigestRecord): void {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const fd = openSync(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Runs `work` holding the writer lock; throws DigestLogBusyError when another writer has it. */
  async withLock<T>(work: () => Promise<T>): Promise<T> {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    let fd: number;
    try {
      fd = openSync(this.lockFile, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - statSync(this.lockFile).mtimeMs < STALE_LOCK_MS)
        throw new DigestLogBusyError(this.lockFile);
      unlinkSync(this.lockFile);
      fd = openSync(this.lockFile, 'wx', 0o600);
    }
    try {
      writeSync(fd, String(process.pid));
      return await work();
    } finally {
      closeSync(fd);
      unlinkSync(this.lockFile);
    }
  }
}
