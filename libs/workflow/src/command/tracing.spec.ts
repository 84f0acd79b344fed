import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { InMemoryEventStore, RecordedEvent } from '@psp/event-store';
import { Aggregate, executeCommand } from './execute-command';

const tally: Aggregate<{ total: number }> = {
  machineVersion: 'tally@1',
  fold: (events: readonly RecordedEvent[]) => ({ total: events.length }),
};

describe('traces of the command pipeline (OpenTelemetry)', () => {
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager().enable();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager);
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('a command is one trace: the request span, then the command span with the store read, the decision and the append', async () => {
    const store = new InMemoryEventStore();
    const request = trace.getTracer('test').startSpan('POST /tallies/{id}/add');
    await context.with(trace.setSpan(context.active(), request), () =>
      executeCommand(
        store,
        tally,
        'tally-1',
        { commandId: randomUUID(), actor: { id: 'agent-1', role: 'association' } },
        () => ({
          accepted: true,
          events: [{ type: 'Added', schemaVersion: 1, data: {}, occurredAt: '2024-01-01T00:00:00Z' }],
        }),
        { mode: 'create' },
      ),
    );
    request.end();
    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    const byName = new Map(spans.map((span) => [span.name, span]));
    expect([...byName.keys()].sort()).toEqual([
      'POST /tallies/{id}/add',
      'command',
      'decide',
      'store.append',
      'store.readStream',
    ]);
    const parentOf = (name: string) => byName.get(name)!.parentSpanContext?.spanId;
    expect(parentOf('command')).toBe(request.spanContext().spanId);
    for (const inner of ['store.readStream', 'decide', 'store.append'])
      expect(parentOf(inner)).toBe(byName.get('command')!.spanContext().spanId);
    expect(byName.get('command')!.attributes).toMatchObject({
      'psp.stream': 'tally-1',
      'psp.mode': 'create',
    });
  });
});
