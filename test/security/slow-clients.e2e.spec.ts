import { mkdtempSync, rmSync } from 'node:fs';
import { Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi, startApiProcess } from '../support/api-process';

const CONNECTIONS = 100;

/** Opens a connection that sends its request line, then one header line every 500 ms, forever. */
function dripFeeder(port: number): { socket: Socket; closedAt: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const closedAt = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
  socket.on('error', () => undefined);
  socket.on('connect', () => {
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let n = 0;
    const timer = setInterval(() => {
      if (socket.destroyed) return clearInterval(timer);
      socket.write(`X-Drip-${n++}: ${'a'.repeat(8)}\r\n`);
    }, 500);
    socket.on('close', () => clearInterval(timer));
  });
  return { socket, closedAt };
}

/**
 * R8 / slowloris: a client that sends its headers slowly holds a connection and a parser for as
 * long as the server lets it. The API closes any connection whose headers are not complete within
 * REQUEST_LIMITS.headersMs (10 s), whatever trickles in meanwhile, and keeps serving the others.
 */
describe('R8: slow clients are cut off after a bounded time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-slow-'));
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApiProcess({ EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`, DATA_DIR: dir });
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`R8: ${CONNECTIONS} connections drip-feeding their headers are all closed within 15 s, and the API still answers`, async () => {
    const port = Number(new URL(api.baseUrl).port);
    const started = Date.now();
    const feeders = Array.from({ length: CONNECTIONS }, () => dripFeeder(port));
    const limit = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 15_000));
    const outcomes = await Promise.all(feeders.map((f) => Promise.race([f.closedAt, limit])));
    const stillOpen = outcomes.filter((o) => o === 'open').length;
    for (const f of feeders) f.socket.destroy();
    const seconds = outcomes.filter((o): o is number => o !== 'open').map((t) => (t - started) / 1000);
    console.log(
      `slow clients: ${CONNECTIONS - stillOpen}/${CONNECTIONS} closed by the server, last after ${Math.max(0, ...seconds).toFixed(1)} s`,
    );
    expect(stillOpen).toBe(0);
    const health = await fetch(`${api.baseUrl}/health/live`);
    expect(health.status).toBe(200);
  }, 30_000);
});
