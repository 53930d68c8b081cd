/** One column of the dev CRM's lead table: its header and the dotted path of the value it shows. */
export interface LeadColumn {
  header: string;
  path: string;
}

// Context that is long and rarely what a developer looks for: kept, but after the submitted fields.
const trailing = new Set(['userAgent', 'ipHash', 'receivedAt']);

/** Every leaf of a lead payload as `path → value`; `fields.*` and `utm.*` lose their prefix in headers. */
export function flattenLead(lead: Record<string, unknown>, prefix = ''): [path: string, value: unknown][] {
  return Object.entries(lead).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
    return nested
      ? flattenLead(value as Record<string, unknown>, path)
      : [[path, value] as [string, unknown]];
  });
}

const headerOf = (path: string) => path.replace(/^(fields|utm)\./, '');

const rank = (path: string) =>
  path.startsWith('fields.') ? 0 : path.startsWith('utm.') ? 1 : trailing.has(path) ? 3 : 2;

/**
 * The columns for a set of leads: every path any of them carries (so a custom form field or a new
 * UTM parameter shows up without touching this page), submitted fields first, then UTM, then the
 * rest of the context, each group in the order the leads first used them.
 */
export function leadColumns(leads: readonly Record<string, unknown>[]): LeadColumn[] {
  const paths = [...new Set(leads.flatMap((lead) => flattenLead(lead).map(([path]) => path)))];
  return paths
    .map((path, index) => ({ path, index }))
    .sort((a, b) => rank(a.path) - rank(b.path) || a.index - b.index)
    .map(({ path }) => ({ header: headerOf(path), path }));
}
