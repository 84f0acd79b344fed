import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
/** The built API; `PSP_BENCH_API_ENTRY` runs another build (a copy of `dist/`, to compare two builds). */
export const API_ENTRY = process.env.PSP_BENCH_API_ENTRY ?? join(ROOT, 'dist/apps/api/src/main.js');

export interface ApiProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The API as it runs in production: `node dist/apps/api/src/main.js` (built by `npm run build`), its
 * JSON log lines (one per request) written to a file, as a log collector would take them.
 */
export async function startApi(
  env: Record<string, string>,
  logFile: string,
  nodeFlags: readonly string[] = [],
  /** Another build's `main.js` (bench/http/compare-builds.ts). */
  entry = API_ENTRY,
): Promise<ApiProcess> {
  return startNode([...nodeFlags, entry], env, logFile);
}

/** The floor: a bare Fastify route doing one durable SQLite insert (`floor-server.ts`), as a process. */
export async function startFloor(file: string, logFile: string): Promise<ApiProcess> {
  return startNode(
    ['-r', '@swc-node/register', join(__dirname, 'floor-server.ts')],
    { FLOOR_FILE: file },
    logFile,
  );
}

async function startNode(
  args: readonly string[],
  env: Record<string, string>,
  logFile: string,
): Promise<ApiProcess> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'development', ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited during start; see ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    logFile,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
