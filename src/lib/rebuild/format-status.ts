import type { RebuildStatus } from './rebuild-status.ts';

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** A blank line, the title, then left-aligned columns two spaces apart (the last one unpadded). */
function section(title: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  if (rows.length === 0) return ['', title, '  (none)'];
  const widths = header.map((name, column) =>
    Math.max(name.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')}`;
  return ['', title, line(header), ...rows.map(line)];
}

/**
 * `npm run rebuild:status` as text: a verdict line, then windows, build hook calls and events.
 * `paint` styles the verdict line by whether builds are failing (a terminal colours it).
 */
export function formatRebuildStatus(
  status: RebuildStatus,
  databaseDescription: string,
  paint: (failing: boolean, text: string) => string = (_failing, text) => text,
): string {
  const lastCall = status.calls[0];
  const verdict = status.failing
    ? `FAILING: the last build hook call (${time(lastCall?.startedAt ?? 0)}) ended with ${lastCall?.lastResult}; ` +
      'its windows wait and are retried'
    : status.due > 0
      ? `${status.due} window(s) due: a closer will request the build`
      : status.open > 0
        ? `${status.open} window(s) collecting publishes`
        : status.pending > 0
          ? `${status.pending} window(s) being built or waiting to retry`
          : 'idle: every publish has been built';
  return [
    `Rebuilds in ${databaseDescription} at ${time(status.at)} UTC (window ${status.windowSeconds} s)`,
    paint(status.failing, verdict),
    ...section(
      'Windows (newest first)',
      ['opens', 'closes', 'status', 'events', 'failed calls'],
      status.windows.map((w) => [
        time(w.opensAt),
        time(w.closesAt),
        w.status,
        String(w.events),
        String(w.failedCalls),
      ]),
    ),
    ...section(
      'Build hook calls (newest first)',
      ['started', 'result', 'attempts', 'windows', 'title'],
      status.calls.map((call) => [
        time(call.startedAt),
        call.ok ? `ok (${call.lastResult})` : `FAILED (${call.lastResult})`,
        String(call.attempts),
        String(call.covers.length),
        call.title,
      ]),
    ),
    ...section(
      'Recent events (newest first)',
      ['received', 'topic', 'entity', 'name'],
      status.events.map((event) => [
        time(event.receivedAt),
        event.topic.replace(/^ContentManagement\./, ''),
        `${event.contentType ?? event.entityType.toLowerCase()} ${event.entityId}`,
        event.label ?? '',
      ]),
    ),
  ].join('\n');
}
