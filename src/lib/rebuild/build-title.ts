import type { RebuildEvent } from '../../schemas/webhook-records.ts';

/** Netlify shows the title as the deploy message; past a couple of hundred characters it is noise. */
const MAX_TITLE_LENGTH = 200;

const pastTense = { publish: 'published', unpublish: 'unpublished', delete: 'deleted' } as const;

const describe = (event: RebuildEvent) => {
  const kind = event.entityType === 'Asset' ? 'asset' : (event.contentType ?? 'entry');
  const name = event.label ? `“${event.label}”` : event.entityId;
  return `${pastTense[event.action]} ${kind} ${name}`;
};

const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * `2 changes` when each entry changed once; `20 changes to 5 entries and 1 asset` when some changed
 * several times, so the count matches the events the webhook received.
 */
function countChanges(events: number, entities: readonly RebuildEvent[]): string {
  const changes = counted(events, 'change', 'changes');
  if (events === entities.length) return changes;
  const assets = entities.filter((event) => event.entityType === 'Asset').length;
  const parts = [
    ...(entities.length > assets ? [counted(entities.length - assets, 'entry', 'entries')] : []),
    ...(assets > 0 ? [counted(assets, 'asset', 'assets')] : []),
  ];
  return `${changes} to ${parts.join(' and ')}`;
}

/**
 * The deploy title listing what changed, e.g. `Contentful: 2 changes: published landingPage
 * “Winter sale”, deleted asset 4xT…`. An entity changed several times is listed once, in the order
 * of last change, with its last action; what does not fit is summed up as `+N more`.
 */
export function buildTitle(events: readonly RebuildEvent[]): string {
  const latest = new Map<string, RebuildEvent>();
  for (const event of [...events].sort((a, b) => a.receivedAt - b.receivedAt)) {
    const entity = `${event.entityType}:${event.entityId}`;
    // Unpublish and delete payloads carry no fields: keep the name an earlier publish gave.
    const label = event.label ?? latest.get(entity)?.label;
    latest.delete(entity);
    latest.set(entity, label ? { ...event, label } : event);
  }
  const changes = [...latest.values()].map(describe);
  if (changes.length === 0) return 'Contentful: content changed';
  const head = `Contentful: ${countChanges(events.length, [...latest.values()])}: `;
  let title = head;
  for (const [index, change] of changes.entries()) {
    const rest = changes.length - index - 1;
    const candidate = `${title}${index === 0 ? '' : ', '}${change}`;
    const suffix = rest > 0 ? ` +${rest} more` : '';
    if (index > 0 && (candidate + suffix).length > MAX_TITLE_LENGTH) {
      return `${title} +${changes.length - index} more`;
    }
    title = candidate;
  }
  return title.length > MAX_TITLE_LENGTH ? `${title.slice(0, MAX_TITLE_LENGTH - 1)}…` : title;
}
