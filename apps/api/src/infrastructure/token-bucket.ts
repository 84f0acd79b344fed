/** What one request costs against a limit: allowed, or refused with the seconds to wait. */
export type TakeResult =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface BucketLimit {
  /** Requests allowed in a burst (the bucket's size). */
  readonly capacity: number;
  /** Window over which `capacity` tokens are given back, in milliseconds. */
  readonly refillMs: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets keyed by a string (a subject, an IP address), in memory for one API process.
 * Each bucket holds up to `capacity` tokens and gets them back continuously over `refillMs`.
 * Full buckets are forgotten when the map grows past `maxKeys`, so memory stays bounded.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: BucketLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {
    if (!(limit.capacity > 0) || !(limit.refillMs > 0))
      throw new Error('a bucket needs capacity > 0 and refillMs > 0');
  }

  /** Takes one token for `key`, or says how long to wait for the next one. */
  take(key: string): TakeResult {
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const msPerToken = this.limit.refillMs / this.limit.capacity;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * msPerToken) / 1000)),
    };
  }

  /** Tokens left for `key` now (without taking one). */
  remaining(key: string): number {
    return Math.floor(this.refilled(key).tokens);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = { tokens: this.limit.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(
      this.limit.capacity,
      bucket.tokens + (elapsed * this.limit.capacity) / this.limit.refillMs,
    );
    bucket.updatedAt = now;
    return bucket;
  }

  /** Forgets buckets that have refilled (they are equal to a new one); if none, the oldest. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const elapsed = now - bucket.updatedAt;
      if (bucket.tokens + (elapsed * this.limit.capacity) / this.limit.refillMs >= this.limit.capacity) {
        this.buckets.delete(key);
      }
    }
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
