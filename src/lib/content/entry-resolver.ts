import { AssetSchema, type Asset } from '../../schemas/asset.ts';
import { contentTypeSchemas, isKnownContentType } from '../../schemas/content-types.ts';
import { PageRefSchema, type PageRef } from '../../schemas/page-ref.ts';
import {
  LinkRefSchema,
  type ContentTypeField,
  type LinkRef,
  type SpaceAsset,
} from '../../schemas/space-export.ts';
import type { ContentIssue } from './content-issue.ts';
import { pruneDeadPageTargets } from './dead-page-targets.ts';
import { localizedValue } from './localize.ts';
import type { SpaceIndex } from './space-index.ts';
import { describeZodIssue, friendlyErrorMap } from './zod-issues.ts';

/** Marks an entry that could not be resolved; its own problem is already reported. */
const failed = Symbol('failed');
/** Marks an entry left out on purpose (its page is gone); the warning is already given. */
const dropped = Symbol('dropped');
/** A link whose target is missing or unpublished. */
class MissingTarget {
  readonly link: LinkRef;
  constructor(link: LinkRef) {
    this.link = link;
  }
}
/** Lists that only make sense whole: a form without one of its fields would ask the wrong questions. */
const wholeLists = new Set(['customFields']);
type Resolved = Record<string, unknown> | typeof failed | typeof dropped;

/** The page whose resolution is under way, to say where a broken entry is used. */
interface Origin {
  label: string;
  rootId: string;
}

/** A broken entry taken out of a list field (a section, a navigation link) so the rest still builds. */
export interface LeftOutItem {
  entryId: string;
  parentId: string;
  field: string;
  locale: string;
}

/**
 * Turns raw, locale-keyed entries into plain validated objects for one locale: links followed,
 * fallbacks applied, each entry checked by its content type's schema. Problems are collected, not
 * thrown, so one build reports every mistake at once.
 */
export class EntryResolver {
  readonly issues: ContentIssue[] = [];
  /** Things left out of the site (links to missing entries, buttons to retired pages). */
  readonly warnings: ContentIssue[] = [];
  /** Broken entries left out of a list, each once per list it was in. */
  readonly leftOut: LeftOutItem[] = [];
  readonly #cache = new Map<string, Resolved>();
  readonly #inProgress = new Set<string>();
  private readonly space: SpaceIndex;
  private readonly locale: string;
  private readonly chain: readonly string[];
  private readonly pageSlugs: ReadonlySet<string> | undefined;
  private readonly unbuiltPages: ReadonlySet<string>;

  /**
   * `pageSlugs`: every published page, to leave out buttons to others; omit when not all are known.
   * `unbuiltPages`: pages left out of the build (broken), linked to as if unpublished.
   */
  constructor(
    space: SpaceIndex,
    locale: string,
    chain: readonly string[],
    pageSlugs?: ReadonlySet<string>,
    unbuiltPages: ReadonlySet<string> = new Set(),
  ) {
    this.space = space;
    this.locale = locale;
    this.chain = chain;
    this.pageSlugs = pageSlugs;
    this.unbuiltPages = unbuiltPages;
  }

  /** Resolve an entry in full (the root of a page, or the site settings). */
  resolveRoot(id: string): Record<string, unknown> | undefined {
    const entry = this.space.entries.get(id);
    const label = entry ? `${entry.sys.contentType.sys.id} "${this.titleOf(id)}"` : id;
    const result = this.resolveEntry(id, { label, rootId: id });
    return result === failed || result === dropped ? undefined : result;
  }

  /** The entry's display field value in this locale, for messages. */
  titleOf(id: string): string {
    const entry = this.space.entries.get(id);
    if (!entry) return id;
    const contentType = this.space.contentTypes.get(entry.sys.contentType.sys.id);
    const displayField = contentType?.displayField;
    const title = displayField ? localizedValue(entry.fields[displayField], this.chain) : undefined;
    return typeof title === 'string' && title.trim() !== '' ? title : 'Untitled';
  }

  private resolveEntry(id: string, origin: Origin): Resolved {
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached;
    if (this.#inProgress.has(id)) {
      this.report(id, undefined, 'links back to itself through its own sections; remove the loop', origin);
      return failed;
    }
    this.#inProgress.add(id);
    const result = this.buildEntry(id, origin);
    this.#inProgress.delete(id);
    this.#cache.set(id, result);
    return result;
  }

  private buildEntry(id: string, origin: Origin): Resolved {
    const entry = this.space.entries.get(id);
    if (!entry) return failed;
    const contentTypeId = entry.sys.contentType.sys.id;
    const contentType = this.space.contentTypes.get(contentTypeId);
    if (!contentType || !isKnownContentType(contentTypeId)) {
      this.report(
        id,
        undefined,
        `content type "${contentTypeId}" is not part of the site's content model`,
        origin,
      );
      return failed;
    }
    const data: Record<string, unknown> = { type: contentTypeId, id };
    let childFailed = false;
    /** Link field → the id of its missing target. */
    const missingLinks = new Map<string, LinkRef>();
    for (const field of contentType.fields) {
      if (field.disabled || field.omitted) continue;
      // Contentful stores a non-localized field under the default locale only.
      const raw = localizedValue(
        entry.fields[field.id],
        field.localized ? this.chain : this.space.defaultChain,
      );
      if (raw === undefined) continue;
      const value = this.resolveField(id, field, raw, origin);
      if (value === failed) childFailed = true;
      else if (value instanceof MissingTarget) missingLinks.set(field.id, value.link);
      else if (value !== undefined) data[field.id] = value;
    }
    if (childFailed) return failed;
    const pruned = pruneDeadPageTargets(contentTypeId, data, {
      missingLinks: new Set(missingLinks.keys()),
      pageSlugs: this.pageSlugs,
    });
    for (const { field, message } of pruned.dropped) this.warn(id, field, message, origin);
    if (pruned.dropEntry) return dropped;
    for (const [fieldId, link] of missingLinks) this.warnSkipped(id, fieldId, link, origin);
    const parsed = contentTypeSchemas[contentTypeId].safeParse(pruned.data, { error: friendlyErrorMap });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const item = linkedItem(pruned.data, issue.path);
      // A problem inside a linked entry (a form's custom field) is named by that entry, not the path.
      if (item) {
        const { field, message } = describeZodIssue({ ...issue, path: item.path });
        this.report(item.id, field, message, origin);
        continue;
      }
      const { field, message } = describeZodIssue(issue);
      this.report(id, field, message, origin);
    }
    return failed;
  }

  private resolveField(entryId: string, field: ContentTypeField, raw: unknown, origin: Origin): unknown {
    if (field.type === 'Link') {
      const target = this.resolveLink(entryId, field.id, raw, origin);
      const gone = target instanceof MissingTarget || target === dropped;
      if (gone && field.required) {
        this.report(entryId, field.id, 'links to an entry or asset that is missing or not published', origin);
        return failed;
      }
      // A broken optional link (an image, a campaign, a success page) is left out, not its entry.
      if (target === failed && !field.required) {
        const id = LinkRefSchema.safeParse(raw).data?.sys.id;
        if (id) this.leftOut.push({ entryId: id, parentId: entryId, field: field.id, locale: this.locale });
        return undefined;
      }
      // A dropped entry has been warned about already; a missing one is warned by the caller.
      return target === dropped ? undefined : target;
    }
    if (field.type === 'Array' && field.items?.type === 'Link') {
      if (!Array.isArray(raw)) return raw;
      const items = raw.map((item) => this.resolveLink(entryId, field.id, item, origin));
      const kept = items.filter((item) => item !== failed);
      // A broken item is left out (its own problem is reported) while the list keeps something;
      // a list left empty fails its entry, which says nothing more useful than the item's problem.
      if (kept.length < items.length && (kept.length === 0 || wholeLists.has(field.id))) return failed;
      raw.forEach((item, position) => {
        if (items[position] !== failed) return;
        const id = LinkRefSchema.safeParse(item).data?.sys.id;
        if (id) this.leftOut.push({ entryId: id, parentId: entryId, field: field.id, locale: this.locale });
      });
      for (const item of items)
        if (item instanceof MissingTarget) this.warnSkipped(entryId, field.id, item.link, origin);
      return kept.filter((item) => item !== dropped && !(item instanceof MissingTarget));
    }
    if (field.type === 'RichText') return this.resolveRichText(entryId, field.id, raw, origin);
    return raw;
  }

  /** Replace the links inside a rich text document with the entries and assets they point at. */
  private resolveRichText(entryId: string, fieldId: string, node: unknown, origin: Origin): unknown {
    if (Array.isArray(node)) {
      return node
        .map((child) => this.resolveRichText(entryId, fieldId, child, origin))
        .filter((child) => child !== undefined);
    }
    if (!node || typeof node !== 'object') return node;
    const { data, content, ...rest } = node as { data?: { target?: unknown }; content?: unknown };
    let resolvedData: unknown = data;
    if (data?.target !== undefined) {
      const target = this.resolveLink(entryId, fieldId, data.target, origin);
      if (target instanceof MissingTarget) this.warnSkipped(entryId, fieldId, target.link, origin);
      // A broken or missing embed is dropped from the text (and reported or warned), not rendered empty.
      if (target instanceof MissingTarget || target === failed || target === dropped) return undefined;
      resolvedData = { ...data, target };
    }
    return {
      ...rest,
      data: resolvedData,
      ...(content === undefined ? {} : { content: this.resolveRichText(entryId, fieldId, content, origin) }),
    };
  }

  /** A linked entry or asset; `MissingTarget`, `dropped` (left out, warned) or `failed` (reported). */
  private resolveLink(entryId: string, fieldId: string, raw: unknown, origin: Origin): unknown {
    const link = LinkRefSchema.safeParse(raw);
    if (!link.success) {
      this.report(entryId, fieldId, 'is not a link to an entry or asset', origin);
      return failed;
    }
    const target = this.findTarget(link.data);
    if (!target || this.unbuiltPages.has(link.data.sys.id)) return new MissingTarget(link.data);
    if (link.data.sys.linkType === 'Asset') return this.resolveAsset(target as SpaceAsset, origin);
    const targetType = this.space.entries.get(link.data.sys.id)?.sys.contentType.sys.id;
    if (targetType === 'landingPage') return this.resolvePageRef(link.data.sys.id, origin);
    return this.resolveEntry(link.data.sys.id, origin);
  }

  private findTarget(link: LinkRef): unknown {
    return link.sys.linkType === 'Asset'
      ? this.space.assets.get(link.sys.id)
      : this.space.entries.get(link.sys.id);
  }

  private resolvePageRef(id: string, origin: Origin): PageRef | typeof failed {
    const entry = this.space.entries.get(id);
    const parsed = PageRefSchema.safeParse({
      type: 'pageRef',
      id,
      // The linked page's address in this locale: slugs are localized.
      slug: localizedValue(entry?.fields.slug, this.chain),
      title: this.titleOf(id),
    });
    if (parsed.success) return parsed.data;
    this.report(id, 'slug', 'the linked page needs a valid slug', origin);
    return failed;
  }

  private resolveAsset(asset: SpaceAsset, origin: Origin): Asset | typeof failed {
    const value = (field: string) => localizedValue(asset.fields[field], this.chain);
    const file = (value('file') ?? {}) as {
      url?: string;
      contentType?: string;
      details?: { image?: { width?: number; height?: number } };
    };
    const url = typeof file.url === 'string' && file.url.startsWith('//') ? `https:${file.url}` : file.url;
    const parsed = AssetSchema.safeParse(
      {
        type: 'asset',
        id: asset.sys.id,
        title: value('title'),
        alt: value('description'),
        url,
        contentType: file.contentType,
        width: file.details?.image?.width,
        height: file.details?.image?.height,
      },
      { error: friendlyErrorMap },
    );
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const { field, message } = describeZodIssue(issue);
      const title = value('title');
      this.issues.push({
        contentType: 'asset',
        entryId: asset.sys.id,
        entryTitle: typeof title === 'string' ? title : 'Untitled',
        field: field === 'alt' ? 'description' : field,
        message,
        locales: [this.locale],
        usedBy: origin.label,
        rootId: origin.rootId,
      });
    }
    return failed;
  }

  private warnSkipped(entryId: string, fieldId: string, link: LinkRef, origin: Origin): void {
    const target = `${link.sys.linkType.toLowerCase()} ${link.sys.id}`;
    this.warn(entryId, fieldId, `skipped a link to ${target}, which is missing or not published`, origin);
  }

  private warn(entryId: string, field: string | undefined, message: string, origin: Origin): void {
    this.warnings.push(this.issueOf(entryId, field, message, origin));
  }

  private report(entryId: string, field: string | undefined, message: string, origin: Origin): void {
    this.issues.push(this.issueOf(entryId, field, message, origin));
  }

  private issueOf(entryId: string, field: string | undefined, message: string, origin: Origin): ContentIssue {
    const entry = this.space.entries.get(entryId);
    const own = `${entry?.sys.contentType.sys.id} "${this.titleOf(entryId)}"`;
    return {
      contentType: entry?.sys.contentType.sys.id ?? 'entry',
      entryId,
      entryTitle: this.titleOf(entryId),
      field,
      message,
      locales: [this.locale],
      usedBy: origin.label === own ? undefined : origin.label,
      rootId: origin.rootId,
    };
  }
}

/** The linked entry a zod issue path points into (`customFields › item 2 › label`), if any. */
function linkedItem(
  data: Record<string, unknown>,
  path: readonly PropertyKey[],
): { id: string; path: PropertyKey[] } | undefined {
  const [field, index, ...rest] = path;
  // An item of the wrong type (the discriminant) is the list's mistake, not the item's.
  if (typeof field !== 'string' || typeof index !== 'number' || rest[0] === 'type') return undefined;
  const list = data[field];
  const item: unknown = Array.isArray(list) ? list[index] : undefined;
  if (!item || typeof item !== 'object' || !('id' in item) || typeof item.id !== 'string') return undefined;
  if (!('type' in item) || item.type === 'asset' || item.type === 'pageRef') return undefined;
  return { id: item.id, path: rest };
}
