import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Traces (OpenTelemetry) are exported over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set
 * (the exporter reads it and the other standard `OTEL_EXPORTER_OTLP_*` variables itself); without
 * it nothing is registered and every span is a no-op. Spans: the HTTP request (create-app.ts),
 * the command and inside it the store read, the decision and the append (libs/workflow), and
 * each batch the projector applies to a view (libs/projections).
 * Attributes carry ids and routes, never a body or a name.
 */
export function startTracing(
  env: Readonly<Record<string, string | undefined>>,
  serviceName: string,
): (() => Promise<void>) | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  trace.setGlobalTracerProvider(provider);
  return () => provider.shutdown();
}
