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
import { localizedValue } from './localize.ts';
import type { SpaceIndex } from './space-index.ts';
import { describeZodIssue, friendlyErrorMap } from './zod-issues.ts';

/** Marks an entry that could not be resolved; its own problem is already reported. */
const failed = Symbol('failed');
type Resolved = Record<string, unknown> | typeof failed;

/** The page whose resolution is under way, to say where a broken entry is used. */
interface Origin {
  label: string;
}

/**
 * Turns raw, locale-keyed entries into plain validated objects for one locale: links followed,
 * fallbacks applied, each entry checked by its content type's schema. Problems are collected, not
 * thrown, so one build reports every mistake at once.
 */
export class EntryResolver {
  readonly issues: ContentIssue[] = [];
  readonly warnings: string[] = [];
  readonly #cache = new Map<string, Resolved>();
  readonly #inProgress = new Set<string>();
  private readonly space: SpaceIndex;
  private readonly locale: string;
  private readonly chain: readonly string[];

  constructor(space: SpaceIndex, locale: string, chain: readonly string[]) {
    this.space = space;
    this.locale = locale;
    this.chain = chain;
  }

  /** Resolve an entry in full (the root of a page, or the site settings). */
  resolveRoot(id: string): Record<string, unknown> | undefined {
    const entry = this.space.entries.get(id);
    const label = entry ? `${entry.sys.contentType.sys.id} "${this.titleOf(id)}"` : id;
    const result = this.resolveEntry(id, { label });
    return result === failed ? undefined : result;
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
      else if (value !== undefined) data[field.id] = value;
    }
    if (childFailed) return failed;
    const parsed = contentTypeSchemas[contentTypeId].safeParse(data, { error: friendlyErrorMap });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const { field, message } = describeZodIssue(issue);
      this.report(id, field, message, origin);
    }
    return failed;
  }

  private resolveField(entryId: string, field: ContentTypeField, raw: unknown, origin: Origin): unknown {
    if (field.type === 'Link') {
      const target = this.resolveLink(entryId, field.id, raw, origin);
      if (target === undefined && field.required) {
        this.report(entryId, field.id, 'links to an entry or asset that is missing or not published', origin);
        return failed;
      }
      return target;
    }
    if (field.type === 'Array' && field.items?.type === 'Link') {
      if (!Array.isArray(raw)) return raw;
      const items = raw.map((item) => this.resolveLink(entryId, field.id, item, origin));
      if (items.includes(failed)) return failed;
      return items.filter((item) => item !== undefined);
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
      // A broken or missing embed is dropped from the text (and reported or warned), not rendered empty.
      if (target === undefined || target === failed) return undefined;
      resolvedData = { ...data, target };
    }
    return {
      ...rest,
      data: resolvedData,
      ...(content === undefined ? {} : { content: this.resolveRichText(entryId, fieldId, content, origin) }),
    };
  }

  /** A linked entry or asset, `undefined` if it is missing (warned), or `failed` if it is broken. */
  private resolveLink(entryId: string, fieldId: string, raw: unknown, origin: Origin): unknown {
    const link = LinkRefSchema.safeParse(raw);
    if (!link.success) {
      this.report(entryId, fieldId, 'is not a link to an entry or asset', origin);
      return failed;
    }
    const target = this.findTarget(link.data);
    if (!target) {
      this.warnings.push(
        `${origin.label}: skipped a link in ${this.describe(entryId)} › ${fieldId} to ${link.data.sys.linkType.toLowerCase()} ${link.data.sys.id}, which is missing or not published`,
      );
      return undefined;
    }
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
      slug: localizedValue(entry?.fields.slug, this.space.defaultChain),
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
      });
    }
    return failed;
  }

  private describe(id: string): string {
    const entry = this.space.entries.get(id);
    return `${entry?.sys.contentType.sys.id ?? 'entry'} "${this.titleOf(id)}"`;
  }

  private report(entryId: string, field: string | undefined, message: string, origin: Origin): void {
    const entry = this.space.entries.get(entryId);
    const own = `${entry?.sys.contentType.sys.id} "${this.titleOf(entryId)}"`;
    this.issues.push({
      contentType: entry?.sys.contentType.sys.id ?? 'entry',
      entryId,
      entryTitle: this.titleOf(entryId),
      field,
      message,
      locales: [this.locale],
      usedBy: origin.label === own ? undefined : origin.label,
    });
  }
}
