import { z } from 'zod';
import { blockBase } from '../fields.ts';

/**
 * A Contentful rich text document. Only the envelope is checked here; the renderer
 * (src/lib/content/rich-text.ts) decides what each node becomes and drops what it does not know.
 */
export const RichTextDocumentSchema = z.object(
  {
    nodeType: z.literal('document', { error: 'must be a rich text document' }),
    data: z.record(z.string(), z.unknown()),
    content: z.array(z.looseObject({ nodeType: z.string() })).min(1, 'write some text'),
  },
  { error: 'must be a rich text document' },
);

/** A prose section: headings, paragraphs, lists, quotes and links. */
export const RichTextSectionSchema = z.object({
  type: z.literal('richTextSection'),
  ...blockBase,
  heading: z.string().optional(),
  body: RichTextDocumentSchema,
});

export type RichTextDocument = z.infer<typeof RichTextDocumentSchema>;
export type RichTextSection = z.infer<typeof RichTextSectionSchema>;
