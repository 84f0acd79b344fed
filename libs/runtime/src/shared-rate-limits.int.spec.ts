import { freshSchemaUrl } from '@psp/event-store/testing';
import { PostgresReadModel } from '@psp/projections';
import { SharedRateLimits } from './shared-rate-limits';

/** R8 across instances: three API instances on one database spend one allowance, not three. */
describe('shared rate limits on PostgreSQL', () => {
  const schema = freshSchemaUrl('ratelimits');
  afterAll(() => schema.drop());

  it('R8: 3 instances × 20 concurrent requests against a limit of 10 per minute: exactly 10 allowed', async () => {
    const instances = await Promise.all([1, 2, 3].map(() => PostgresReadModel.open(schema.url)));
    const limits = instances.map((db) => new SharedRateLimits(db));
    await Promise.all(limits.map((l) => l.ensureSchema()));
    const takes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => limits[i % 3].take('command:subject:agent', 10, 60_000)),
    );
    expect(takes.filter((t) => t.allowed)).toHaveLength(10);
    const refused = takes.find((t) => !t.allowed);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(6);
    // Another key has its own bucket.
    expect(await limits[0].take('command:subject:other', 10, 60_000)).toEqual({ allowed: true });
    await Promise.all(instances.map((db) => db.close()));
  });
});
