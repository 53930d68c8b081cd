import { describe, expect, it } from 'vitest';
import { planContentType, type RemoteContentType } from '../../src/lib/contentful/content-type-diff.ts';
import { contentModel } from '../../src/schemas/content-model.ts';

const faqItem = structuredClone(contentModel.find((type) => type.sys.id === 'faqItem')!);

/** The model's content type as Contentful would hand it back after `cms:model` published it. */
function remote(overrides: Partial<RemoteContentType> = {}): RemoteContentType {
  return {
    sys: { id: 'faqItem', version: 4, publishedVersion: 3 },
    name: faqItem.name,
    displayField: faqItem.displayField,
    description: faqItem.description,
    // Contentful leaves out empty validations and adds keys the model does not manage.
    fields: faqItem.fields.map(({ validations: _omitted, ...field }) => ({
      ...field,
      defaultValue: undefined,
      apiName: field.id,
    })),
    ...overrides,
  };
}

describe('planContentType', () => {
  it('creates a content type the space does not have', () => {
    expect(planContentType(faqItem, undefined)).toMatchObject({
      id: 'faqItem',
      action: 'create',
      changes: ['new content type with 2 fields'],
    });
  });

  it('leaves an up-to-date content type alone, whatever Contentful adds or omits', () => {
    expect(planContentType(faqItem, remote())).toMatchObject({ action: 'unchanged', changes: [], kept: [] });
  });

  it('lists each difference and keeps what the model does not manage', () => {
    const existing = remote();
    existing.fields[0] = { ...existing.fields[0], required: false, defaultValue: { 'en-US': 'Q?' } };
    const plan = planContentType(faqItem, existing);
    expect(plan.action).toBe('update');
    expect(plan.changes).toEqual(['field question › required: false → true']);
    expect(plan.body.fields[0]).toMatchObject({
      id: 'question',
      required: true,
      defaultValue: { 'en-US': 'Q?' },
    });
  });

  it('keeps fields only Contentful has, after the model’s, and says so', () => {
    const existing = remote();
    existing.fields.push({ id: 'legacyNote', name: 'Legacy note', type: 'Text' });
    const plan = planContentType(faqItem, existing);
    expect(plan).toMatchObject({ action: 'unchanged', kept: ['legacyNote'] });
    expect(plan.body.fields.map((field) => field.id)).toEqual(['question', 'answer', 'legacyNote']);
  });

  it('adds new fields and reorders to the model’s order', () => {
    const existing = remote();
    existing.fields.reverse();
    expect(planContentType(faqItem, existing).changes).toEqual(['field order']);
    expect(planContentType(faqItem, remote({ fields: remote().fields.slice(0, 1) })).changes).toEqual([
      'new field answer',
    ]);
  });

  it('publishes a content type left as an unpublished draft', () => {
    expect(planContentType(faqItem, remote({ sys: { id: 'faqItem', version: 1 } })).action).toBe('publish');
    expect(
      planContentType(faqItem, remote({ sys: { id: 'faqItem', version: 6, publishedVersion: 3 } })).action,
    ).toBe('publish');
  });
});
