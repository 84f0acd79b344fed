import { Attributes, SpanStatusCode, trace } from '@opentelemetry/api';

/** The engine's tracer: a no-op until a tracer provider is registered (libs/runtime `startTracing`). */
export const tracer = trace.getTracer('psp-case-engine');

/**
 * Runs `work` in a span of its own, child of the active one (the HTTP request, the command):
 * the error, if any, is recorded by class name only (a message may hold personal data).
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
