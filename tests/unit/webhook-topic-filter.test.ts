import { describe, expect, it } from 'vitest';
import { buildTitle } from '../../src/lib/rebuild/build-title.ts';
import { classifyContentType, classifyTopic } from '../../src/lib/rebuild/topic-filter.ts';
import { rebuildEvent } from '../../src/lib/rebuild/webhook-event.ts';
import { contentTypeSchemas } from '../../src/schemas/content-types.ts';
import { WebhookEntityPayloadSchema, WebhookTopicSchema } from '../../src/schemas/webhook.ts';
import type { RebuildEvent } from '../../src/schemas/webhook-records.ts';
import { assetPayload, deletedEntryPayload, entryPayload } from '../fixtures/webhook-requests.ts';

const siteTypes = new Set(Object.keys(contentTypeSchemas));
const topic = (value: string) => WebhookTopicSchema.parse(value);

describe('classifyTopic', () => {
  it.each([
    'ContentManagement.Entry.publish',
    'ContentManagement.Entry.unpublish',
    'ContentManagement.Entry.delete',
    'ContentManagement.Asset.publish',
    'ContentManagement.Asset.unpublish',
    'ContentManagement.Asset.delete',
  ])('accepts %s', (value) => {
    expect(classifyTopic(topic(value)).relevant).toBe(true);
  });

  it.each([
    'ContentManagement.Entry.save',
    'ContentManagement.Entry.auto_save',
    'ContentManagement.Entry.archive',
    'ContentManagement.Asset.create',
    'ContentManagement.ContentType.publish',
    'ContentManagement.Task.create',
    'SpaceManagement.EnvironmentAlias.change_target',
  ])('ignores %s and says why', (value) => {
    expect(classifyTopic(topic(value))).toEqual({
      relevant: false,
      reason: `topic ${value} does not change the site (only Entry and Asset publish, unpublish, delete do)`,
    });
  });

  it('rejects a header that is not a topic', () => {
    expect(WebhookTopicSchema.safeParse('publish everything').error?.issues[0]?.message).toBe(
      'X-Contentful-Topic must look like ContentManagement.Entry.publish',
    );
    expect(WebhookTopicSchema.safeParse(undefined).success).toBe(false);
  });
});

describe('classifyContentType', () => {
  const parse = (payload: unknown) => WebhookEntityPayloadSchema.parse(payload);

  it('keeps entries of content types the site renders, including deletions', () => {
    expect(classifyContentType('Entry', parse(entryPayload('p', 'landingPage')), siteTypes)).toEqual({
      relevant: true,
      contentType: 'landingPage',
    });
    expect(classifyContentType('Entry', parse(deletedEntryPayload('f', 'faqItem')), siteTypes).relevant).toBe(
      true,
    );
  });

  it('ignores entries of content types the site does not use', () => {
    expect(classifyContentType('Entry', parse(entryPayload('x', 'blogPost')), siteTypes)).toEqual({
      relevant: false,
      reason: 'content type blogPost is not used by the site',
    });
  });

  it('keeps every asset', () => {
    expect(classifyContentType('Asset', parse(assetPayload('img')), siteTypes).relevant).toBe(true);
  });
});

describe('build titles', () => {
  const at = 1_800_000_000_000;
  const event = (
    entityId: string,
    action: RebuildEvent['action'],
    contentType = 'landingPage',
    label?: string,
  ) =>
    rebuildEvent({
      id: entityId,
      receivedAt: at,
      topic: `ContentManagement.Entry.${action}`,
      entityType: 'Entry',
      action,
      contentType,
      payload: WebhookEntityPayloadSchema.parse(
        entryPayload(entityId, contentType, label ? { title: label } : {}),
      ),
    });

  it("names entries by their content type's display field", () => {
    expect(event('page-sale', 'publish', 'landingPage', 'Winter sale').label).toBe('Winter sale');
    expect(event('hero-1', 'publish', 'hero').label).toBeUndefined();
  });

  it('lists each changed entity once, in order of last change, with its last action and known name', () => {
    const title = buildTitle([
      event('page-sale', 'publish', 'landingPage', 'Winter sale'),
      { ...event('page-sale', 'unpublish'), receivedAt: at + 1 },
      event('faq-1', 'delete', 'faqItem'),
    ]);
    expect(title).toBe(
      'Contentful: 3 changes to 2 entries: deleted faqItem faq-1, unpublished landingPage “Winter sale”',
    );
  });

  it('counts every event it received, and the entries and assets they touched', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const events = Array.from({ length: 18 }, (_, i) => ({
      ...event(`faq-${ids[i % 5]}`, 'publish', 'faqItem'),
      receivedAt: at + i,
    }));
    events.push(
      { ...event('logo', 'publish'), entityType: 'Asset' as const, receivedAt: at + 18 },
      { ...event('logo', 'publish'), entityType: 'Asset' as const, receivedAt: at + 19 },
    );
    expect(buildTitle(events)).toMatch(/^Contentful: 20 changes to 5 entries and 1 asset: /);
  });

  it('stays short when a bulk import changes hundreds of entries', () => {
    const events = Array.from({ length: 300 }, (_, i) => event(`entry-${i}`, 'publish', 'faqItem'));
    const title = buildTitle(events);
    expect(title.length).toBeLessThanOrEqual(200);
    expect(title).toMatch(/^Contentful: 300 changes: published faqItem entry-0, .* \+\d+ more$/);
  });
});
