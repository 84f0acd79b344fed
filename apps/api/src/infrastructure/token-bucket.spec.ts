import { TokenBucketLimiter } from './token-bucket';

describe('token bucket (R8 rate limits)', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('allows a burst of capacity, then refuses with the seconds until the next token', () => {
    const limiter = new TokenBucketLimiter({ capacity: 3, refillMs: 60_000 }, clock);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    // another key has its own bucket
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('gives tokens back continuously over the window', () => {
    const limiter = new TokenBucketLimiter({ capacity: 2, refillMs: 10_000 }, clock);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    now += 5_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    now += 60_000;
    expect(limiter.remaining('a')).toBe(2);
  });

  it('keeps memory bounded: refilled buckets are forgotten first', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillMs: 1_000 }, clock, 3);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    now += 2_000;
    limiter.take('d');
    expect(limiter.size).toBe(1);
    for (const key of ['e', 'f', 'g', 'h']) limiter.take(key);
    expect(limiter.size).toBeLessThanOrEqual(3);
  });

  it('refuses a limit that would never allow anything', () => {
    expect(() => new TokenBucketLimiter({ capacity: 0, refillMs: 1 })).toThrow('capacity');
  });
});
