import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadRequest {
  readonly method: 'POST' | 'GET';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface LoadResult {
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  /** From the first request to the last answer (s). */
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * A load generator with a fixed number of keep-alive connections. With `rate`, requests are
 * due at fixed times (open loop): request i is due at start + i / rate whether or not earlier ones
 * were answered, waits for a free connection if none is, and its latency is counted from the time
 * it was due (coordinated-omission correction: a stalled server is charged for the requests it
 * kept waiting). Without `rate`, each connection sends its next request as soon as it has the
 * answer (closed loop, the maximum throughput), latency from send to answer.
 */
export async function loadTest(options: {
  readonly baseUrl: string;
  readonly connections: number;
  readonly seconds: number;
  readonly rate?: number;
  readonly request: (i: number) => LoadRequest;
}): Promise<LoadResult> {
  const url = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  let failed = 0;
  let lastAnswer = 0;
  const send = (i: number, dueAt: number): Promise<void> =>
    new Promise((resolve) => {
      const r = options.request(i);
      sent += 1;
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          headers: r.body ? { ...r.headers, 'content-length': Buffer.byteLength(r.body) } : r.headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            lastAnswer = performance.now();
            latencies.push(lastAnswer - dueAt);
            if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) ok += 1;
            else failed += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      if (r.body) req.write(r.body);
      req.end();
    });

  const start = performance.now();
  const end = start + options.seconds * 1000;
  const inFlight = new Set<Promise<void>>();
  if (options.rate) {
    const interval = 1000 / options.rate;
    let i = 0;
    while (performance.now() < end) {
      const now = performance.now();
      for (; start + i * interval <= now && start + i * interval < end; i += 1) {
        const p = send(i, start + i * interval);
        inFlight.add(p);
        void p.then(() => inFlight.delete(p));
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } else {
    let i = 0;
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < end) {
          const n = i++;
          const t = performance.now();
          await send(n, t);
        }
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    sent,
    ok,
    failed,
    seconds: (Math.max(lastAnswer, end) - start) / 1000,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}
