/**
 * The floor of the HTTP benchmark: a bare Fastify route doing one durable SQLite insert per
 * request (WAL, synchronous=FULL, one transaction per insert), nothing else. Run as its own
 * process, like the API: `node -r @swc-node/register bench/http/floor-server.ts`
 * with PORT and FLOOR_FILE set.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const db = new Database(process.env.FLOOR_FILE!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE, data TEXT NOT NULL, UNIQUE (stream_id, revision))`);
const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, data) VALUES (?, ?, ?, ?)');
let revision = 0;

const app = Fastify({ logger: false });
app.get('/health/live', async () => ({ status: 'ok' }));
app.post<{ Params: { id: string } }>('/cases/:id/record-commission-follow-up', async (request, reply) => {
  const info = insert.run(request.params.id, revision++, randomUUID(), JSON.stringify(request.body));
  reply.code(201);
  return { revision: Number(info.lastInsertRowid) };
});
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
process.on('SIGTERM', () => {
  void app.close().then(() => {
    db.close();
    process.exit(0);
  });
});
