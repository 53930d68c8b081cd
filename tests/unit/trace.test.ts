import { wrapTracer } from '@opentelemetry/api/experimental';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { traced } from '../../src/lib/log/trace.ts';

/**
 * Spans through `@netlify/otel`, with the real OpenTelemetry SDK registered the way Netlify's
 * runtime registers it (the `__netlify__getTracer` hook `getTracer` reads), exported in memory.
 */
const hook = '__netlify__getTracer';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const globals = globalThis as Record<string, unknown>;
afterEach(() => {
  delete globals[hook];
  exporter.reset();
});

describe('traced', () => {
  it('without Netlify tracing on, runs the work alone and records nothing', async () => {
    expect(
      await traced(
        'floodgate.drain',
        () => Promise.resolve(3),
        () => ({ n: 3 }),
      ),
    ).toBe(3);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('with it on, one span per call with the result’s figures, ended when the work settles', async () => {
    globals[hook] = (name: string) => wrapTracer(provider.getTracer(name));
    const result = await traced(
      'floodgate.alert-round',
      async () => ({ purged: 2 }),
      (round) => ({ 'floodgate.rollups_purged': round.purged }),
    );
    expect(result).toEqual({ purged: 2 });
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('floodgate.alert-round');
    expect(span?.attributes).toEqual({ 'floodgate.rollups_purged': 2 });
    expect(span?.instrumentationScope.name).toBe('floodgate');
  });

  it('a failed run ends its span as an error and still throws', async () => {
    globals[hook] = (name: string) => wrapTracer(provider.getTracer(name));
    await expect(traced('floodgate.drain', () => Promise.reject(new Error('store away')))).rejects.toThrow(
      'store away',
    );
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(2);
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });
});
