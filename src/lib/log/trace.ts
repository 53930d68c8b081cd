import { getTracer, withActiveSpan } from '@netlify/otel';

/** Span attributes: flat figures and ids, never personal data (as the log lines). */
export type SpanFigures = Record<string, string | number | boolean>;

/**
 * `work` inside a span named `name` in Netlify's OpenTelemetry (`@netlify/otel`), with figures of
 * its result as attributes; the span ends when the work settles and records its exception. Where
 * the site has no tracing on (locally, in tests, or with the feature off) `getTracer` answers
 * nothing and this is `work()` alone: no SDK loaded, no cost. Used around the drainer's run and the
 * alert round only, never on the intake's path (docs/runbook.md).
 */
export function traced<T>(
  name: string,
  work: () => Promise<T>,
  figures?: (result: T) => SpanFigures,
): Promise<T> {
  return withActiveSpan(getTracer('floodgate'), name, async (span) => {
    const result = await work();
    if (span && figures) span.setAttributes(figures(result));
    return result;
  });
}
