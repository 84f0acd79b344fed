import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, LIMIT_CATEGORIES, LimitCategory, SharedRateLimits } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';
import { RequestProblem } from './request-problem';
import { problem } from './problem-details';
import { TakeResult, TokenBucketLimiter } from './token-bucket';

/** The shared buckets (PostgreSQL read model), or null: the buckets live in this process. */
export const SHARED_RATE_LIMITS = Symbol('SHARED_RATE_LIMITS');

/** Whether a GET asks for a CSV export (`?format=csv` or `Accept: text/csv`). */
export function isExportRequest(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  if (query && query.format === 'csv') return true;
  const accept = request.headers.accept;
  return typeof accept === 'string' && /\btext\/csv\b/i.test(accept);
}

/**
 * The category a request counts against (R8): any non-GET is a command; a GET is an export when
 * it asks for CSV, a search when its route ends on a collection (`/cases`, `/cases/:caseId/history`),
 * else a read of one record.
 */
export function limitCategory(request: FastifyRequest): LimitCategory {
  if (request.method !== 'GET' && request.method !== 'HEAD') return 'command';
  if (isExportRequest(request)) return 'export';
  const route = request.routeOptions?.url ?? request.url.split('?')[0];
  const last = route.split('/').filter(Boolean).pop() ?? '';
  return last.startsWith(':') ? 'read' : 'search';
}

/**
 * Rate limits per category (R8), in token buckets refilled over a minute. Authentication failures
 * are counted per client IP; everything else per token subject, after the token is verified, so a
 * forged token cannot spend someone else's allowance and failures from a shared IP never lock out
 * a valid token. On PostgreSQL the buckets live in the database, shared by every instance (one
 * allowance however many instances answer, docs/adr/0016); on SQLite (one instance) in this process.
 */
@Injectable()
export class AbuseLimits {
  private readonly logger = new Logger('abuse-limits');
  private readonly limiters: ReadonlyMap<LimitCategory, TokenBucketLimiter>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(SHARED_RATE_LIMITS) private readonly shared?: SharedRateLimits | null,
  ) {
    this.limiters = new Map(
      LIMIT_CATEGORIES.map((category) => [
        category,
        new TokenBucketLimiter({ capacity: config.limits.perMinute[category], refillMs: 60_000 }),
      ]),
    );
  }

  /** Spends one request of `category` for `key`; past the limit, a 429 problem with Retry-After. */
  async spend(
    category: LimitCategory,
    key: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    if (!this.config.limits.enabled) return;
    const result: TakeResult = this.shared
      ? await this.shared.take(`${category}:${key}`, this.config.limits.perMinute[category], 60_000)
      : this.limiters.get(category)!.take(key);
    if (result.allowed) return;
    this.logger.warn({
      msg: 'rate limit exceeded',
      alert: true,
      category,
      key: key.startsWith('ip:') ? 'ip' : key,
      route: request.routeOptions?.url ?? 'unmatched',
    });
    void reply.header('Retry-After', String(result.retryAfterSeconds));
    throw new RequestProblem(
      problem(429, 'too-many-requests', 'Too many requests', {
        detail: `R8: the ${category} limit of ${this.config.limits.perMinute[category]} per minute is reached; retry after ${result.retryAfterSeconds} s`,
        category,
        retryAfter: result.retryAfterSeconds,
      }),
    );
  }
}
