import type { ContentType } from '../../schemas/space-export.ts';

/** The parts of a content type field that the model in code decides. */
const managedFieldKeys = [
  'id',
  'name',
  'type',
  'linkType',
  'items',
  'localized',
  'required',
  'validations',
  'disabled',
  'omitted',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type FieldLike = Record<string, unknown> & { id: string };

/** A content type as the Content Management API holds it (what `contentType.get` returns). */
export interface RemoteContentType {
  sys: { id: string; version?: number; publishedVersion?: number };
  name: string;
  displayField?: string | null;
  description?: string;
  fields: FieldLike[];
}

export interface ContentTypePlan {
  id: string;
  action: 'create' | 'update' | 'publish' | 'unchanged';
  /** What differs, one line each, for the script's output. */
  changes: string[];
  /** Fields present in Contentful but not in the model: kept, never deleted by the script. */
  kept: string[];
  /** The body to send (create or update), with fields in model order and kept fields after. */
  body: {
    name: string;
    displayField: string | undefined;
    description: string | undefined;
    fields: FieldLike[];
  };
}

/** Same value, ignoring key order and keys set to undefined (Contentful omits them). */
const canonical = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, canonical(item)]),
    );
  return (value ?? null) as Json;
};
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The managed keys of a field; an empty validation list and false flags count as absent, as Contentful may omit them. */
const managed = (field: Record<string, unknown>) =>
  Object.fromEntries(
    managedFieldKeys.flatMap((key) => {
      const value = field[key];
      if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) return [];
      return [[key, value]];
    }),
  );

/**
 * Compare a content type from the model with what the space has, and say what `cms:model` must
 * do: create it, update it (listing each difference), publish a pending draft, or nothing.
 * Fields only Contentful has are kept as they are: removing a field loses content, so that stays
 * a decision for a person in the web app.
 */
export function planContentType(
  desired: ContentType,
  existing: RemoteContentType | undefined,
): ContentTypePlan {
  const id = desired.sys.id;
  const desiredFields = desired.fields.map((field) => managed(field as Record<string, unknown>));
  if (!existing) {
    return {
      id,
      action: 'create',
      changes: [`new content type with ${desired.fields.length} fields`],
      kept: [],
      body: {
        name: desired.name,
        displayField: desired.displayField ?? undefined,
        description: desired.description,
        fields: desiredFields as FieldLike[],
      },
    };
  }
  const existingById = new Map(existing.fields.map((field) => [field.id, field]));
  const modelIds = new Set(desired.fields.map((field) => field.id));
  const kept = existing.fields.filter((field) => !modelIds.has(field.id));
  const changes: string[] = [];
  for (const key of ['name', 'displayField', 'description'] as const) {
    if (!same(desired[key], existing[key]))
      changes.push(`${key}: ${JSON.stringify(existing[key])} → ${JSON.stringify(desired[key])}`);
  }
  const fields = desiredFields.map((field) => {
    const current = existingById.get(field.id as string);
    if (!current) {
      changes.push(`new field ${field.id as string}`);
      return field as FieldLike;
    }
    const currentManaged = managed(current);
    for (const key of managedFieldKeys) {
      if (!same(field[key], currentManaged[key]))
        changes.push(
          `field ${field.id as string} › ${key}: ${JSON.stringify(current[key])} → ${JSON.stringify(field[key])}`,
        );
    }
    // Keep what the model does not manage (a default value, editor appearance hints).
    return { ...current, ...field };
  });
  const order = (list: FieldLike[]) => list.map((field) => field.id).join(',');
  const merged = [...fields, ...kept];
  if (changes.length === 0 && order(merged) !== order(existing.fields)) changes.push('field order');
  const body = {
    name: desired.name,
    displayField: desired.displayField ?? undefined,
    description: desired.description,
    fields: merged,
  };
  const hasPendingDraft =
    existing.sys.publishedVersion === undefined ||
    (existing.sys.version ?? 0) > existing.sys.publishedVersion + 1;
  const action = changes.length > 0 ? 'update' : hasPendingDraft ? 'publish' : 'unchanged';
  return { id, action, changes, kept: kept.map((field) => field.id), body };
}
