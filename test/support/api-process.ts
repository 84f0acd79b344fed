import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface RunningApi {
  readonly baseUrl: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code, or the signal that ended the process. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

const ROOT = join(__dirname, '..', '..');

/** Starts apps/api as a real process, the way `npm start` does, and waits until it answers. */
export async function startApiProcess(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Every API process of the run also writes to the per-run log the final scan reads (global-teardown.js).
  const runLog = process.env.PSP_TEST_API_LOG;
  const collect = (chunk: Buffer) => {
    output += chunk;
    try {
      if (runLog) appendFileSync(runLog, chunk);
    } catch {
      // The run is over and its log scanned: a process still writing is no longer collected.
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited during start:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/health/live`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    process: child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
