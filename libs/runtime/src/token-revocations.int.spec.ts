import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { PostgresReadModel, ReadModelDatabase, SqliteReadModel } from '@psp/projections';
import { TokenRevocations } from './token-revocations';

/** R7: a revoked token or subject is refused; the record survives a reopen (another API instance). */
describe.each(['sqlite', 'postgres'] as const)('token revocations on %s', (dialect) => {
  let open: () => Promise<ReadModelDatabase>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'psp-revocations-'));
      open = async () => new SqliteReadModel(join(dir, 'read.sqlite'));
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = freshSchemaUrl('revocations');
      open = () => PostgresReadModel.open(schema.url);
      cleanup = () => schema.drop();
    }
  });
  afterAll(() => cleanup());

  it('revokes one token by jti and every token of a subject issued up to an instant', async () => {
    const db = await open();
    const revocations = new TokenRevocations(db);
    await revocations.ensureSchema();
    await revocations.ensureSchema(); // idempotent
    const t0 = new Date('2026-01-01T10:00:00.000Z');
    const earlier = new Date(t0.getTime() - 60_000);
    const later = new Date(t0.getTime() + 60_000);
    expect(await revocations.isRevoked({ subject: 'agent-1', tokenId: 'jti-1', issuedAt: earlier })).toBe(
      false,
    );

    const record = await revocations.revoke(
      { kind: 'token', tokenId: 'jti-1' },
      'auditor-9',
      'lost laptop',
      t0,
    );
    expect(record).toMatchObject({
      kind: 'token',
      value: 'jti-1',
      revokedBy: 'auditor-9',
      reason: 'lost laptop',
    });
    expect(await revocations.isRevoked({ subject: 'agent-1', tokenId: 'jti-1', issuedAt: earlier })).toBe(
      true,
    );
    expect(await revocations.isRevoked({ subject: 'agent-1', tokenId: 'jti-2', issuedAt: earlier })).toBe(
      false,
    );

    await revocations.revoke(
      { kind: 'subject', subject: 'agent-2', issuedUpTo: t0 },
      'system',
      'left the service',
      t0,
    );
    expect(await revocations.isRevoked({ subject: 'agent-2', tokenId: 'a', issuedAt: earlier })).toBe(true);
    expect(await revocations.isRevoked({ subject: 'agent-2', tokenId: 'b', issuedAt: t0 })).toBe(true);
    expect(await revocations.isRevoked({ subject: 'agent-2', tokenId: 'c', issuedAt: later })).toBe(false);
    expect(await revocations.isRevoked({ subject: 'agent-2' })).toBe(true); // no iat: treated as old
    expect(await revocations.isRevoked({ subject: 'agent-3', issuedAt: earlier })).toBe(false);

    // A later revocation moves the instant forward, an older one never moves it back.
    await revocations.revoke(
      { kind: 'subject', subject: 'agent-2', issuedUpTo: later },
      'system',
      'again',
      later,
    );
    await revocations.revoke(
      { kind: 'subject', subject: 'agent-2', issuedUpTo: earlier },
      'system',
      'stale',
      later,
    );
    expect((await revocations.find('subject', 'agent-2'))?.issuedUpTo).toBe(later.toISOString());
    await db.close();

    const reopened = await open();
    expect(
      await new TokenRevocations(reopened).isRevoked({
        subject: 'agent-1',
        tokenId: 'jti-1',
        issuedAt: earlier,
      }),
    ).toBe(true);
    await reopened.close();
  });

  it('answers from what it knows only while nothing changed: a revocation by this process or by another is seen at once', async () => {
    const db = await open();
    const other = await open(); // another process on the same database
    const mine = new TokenRevocations(db);
    const theirs = new TokenRevocations(other);
    await mine.ensureSchema();
    const token = { subject: 'agent-7', tokenId: 'jti-7', issuedAt: new Date('2026-02-01T10:00:00.000Z') };
    const asks = jest.spyOn(db, 'all');
    expect(await mine.isRevoked(token)).toBe(false);
    expect(await mine.isRevoked(token)).toBe(false);
    // SQLite: the second answer came from memory; PostgreSQL: every answer asks the table.
    expect(asks.mock.calls.filter(([sql]) => String(sql).includes('security_token_revocations')).length).toBe(
      dialect === 'sqlite' ? 1 : 2,
    );
    await theirs.revoke({ kind: 'token', tokenId: 'jti-7' }, 'auditor-1', 'stolen', new Date());
    expect(await mine.isRevoked(token)).toBe(true);
    const token8 = { ...token, tokenId: 'jti-8', subject: 'agent-8' };
    expect(await mine.isRevoked(token8)).toBe(false);
    await new TokenRevocations(db).revoke(
      { kind: 'subject', subject: 'agent-8', issuedUpTo: new Date() },
      'a',
      'b',
      new Date(),
    );
    expect(await mine.isRevoked(token8)).toBe(true);
    asks.mockRestore();
    await db.close();
    await other.close();
  });
});
