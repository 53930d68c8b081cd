import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { blockTypes } from '../../src/schemas/block.ts';
import { contentModel } from '../../src/schemas/content-model.ts';
import { contentTypeSchemas, isKnownContentType } from '../../src/schemas/content-types.ts';

const embedded = JSON.parse(readFileSync('content/space.json', 'utf8')) as { contentTypes: unknown };

const fieldsOfSchema = (schema: z.ZodObject) =>
  Object.keys(schema.shape).filter((key) => key !== 'type' && key !== 'id');
const acceptsMissing = (schema: z.ZodObject, key: string) =>
  (schema.shape[key] as z.ZodType).safeParse(undefined).success;

describe('content model', () => {
  it('is exactly what the embedded space export carries (run `npm run content:model` after a change)', () => {
    expect(embedded.contentTypes).toEqual(JSON.parse(JSON.stringify(contentModel)));
  });

  it('has a zod schema for every content type and a content type for every schema', () => {
    expect(contentModel.map((type) => type.sys.id).sort()).toEqual(Object.keys(contentTypeSchemas).sort());
  });

  for (const contentType of contentModel) {
    const id = contentType.sys.id;
    if (!isKnownContentType(id)) continue;
    const schema = contentTypeSchemas[id] as unknown as z.ZodObject;

    it(`${id}: field ids match the schema's keys`, () => {
      expect(contentType.fields.map((field) => field.id).sort()).toEqual(fieldsOfSchema(schema).sort());
    });

    it(`${id}: a field is required in Contentful exactly when the schema requires it`, () => {
      for (const field of contentType.fields) {
        expect({ field: field.id, required: field.required }).toEqual({
          field: field.id,
          required: !acceptsMissing(schema, field.id),
        });
      }
    });
  }

  it('allows every block type, and only block types, as a landing page section', () => {
    const sections = contentModel
      .find((type) => type.sys.id === 'landingPage')!
      .fields.find((field) => field.id === 'sections')!;
    expect(sections.items).toMatchObject({ validations: [{ linkContentType: blockTypes }] });
  });
});
