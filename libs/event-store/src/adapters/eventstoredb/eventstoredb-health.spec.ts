import { AddressInfo, Server, Socket, createServer } from 'node:net';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** A local port nothing listens on, found by opening and closing a server on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts TCP connections and never answers: the client waits forever. */
async function silentServer(): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// No EventStoreDB server runs here: these specs only prove that health() answers ok:false
// promptly, without credentials, when there is no usable server.
describe('EventStoreDB health without a server', () => {
  it('answers ok: false with the reason when the server refuses connections', async () => {
    const port = await closedPort();
    const store = await EventStoreDbEventStore.open({
      connectionString: `kurrentdb://admin:s3cret@127.0.0.1:${port}?tls=false`,
      healthTimeoutMs: 1_000,
    });
    const started = Date.now();
    const health = await store.health();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(health).toMatchObject({
      ok: false,
      kind: 'eventstoredb',
      details: { scheme: 'kurrentdb', hosts: [`127.0.0.1:${port}`] },
    });
    expect(typeof health.details.error).toBe('string');
    expect(JSON.stringify(health)).not.toContain('s3cret');
    await store.close();
  });

  it('gives up after its deadline when the server never answers', async () => {
    const silent = await silentServer();
    const store = await EventStoreDbEventStore.open({
      connectionString: `kurrentdb://127.0.0.1:${silent.port}?tls=false`,
      healthTimeoutMs: 300,
    });
    const started = Date.now();
    const health = await store.health();
    const elapsed = Date.now() - started;
    expect(health.ok).toBe(false);
    expect(String(health.details.error)).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    await store.close();
    await silent.stop();
  });
});
