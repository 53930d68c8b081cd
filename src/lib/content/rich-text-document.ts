import { BLOCKS, INLINES, MARKS, type Document } from '@contentful/rich-text-types';
import type { RichTextDocument } from '../../schemas/blocks/rich-text-section.ts';

const knownNodeTypes = new Set<string>([...Object.values(BLOCKS), ...Object.values(INLINES), 'text']);
const knownMarks = new Set<string>(Object.values(MARKS));

type PlainNode = { nodeType: string; data: Record<string, unknown>; content?: PlainNode[] } & Record<
  string,
  unknown
>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A rich text document rebuilt from what Contentful sent, keeping only what the renderer knows:
 * node types and marks from Contentful's own lists, text values as strings, `content` as arrays.
 * The HTML renderer trusts its input's shape (an unknown node type such as `constructor` would
 * reach `Object`, a non-string text value throws), so nothing from the CMS reaches it unchecked.
 */
export function normalizeRichText(document: RichTextDocument): Document {
  return { nodeType: BLOCKS.DOCUMENT, data: {}, content: normalizeChildren(document.content) } as Document;
}

function normalizeChildren(children: unknown): PlainNode[] {
  if (!Array.isArray(children)) return [];
  return children.flatMap((child) => {
    const node = normalizeNode(child);
    return node ? [node] : [];
  });
}

function normalizeNode(node: unknown): PlainNode | undefined {
  if (!isRecord(node) || typeof node.nodeType !== 'string' || !knownNodeTypes.has(node.nodeType))
    return undefined;
  const data = isRecord(node.data) ? node.data : {};
  if (node.nodeType === 'text') {
    const marks = Array.isArray(node.marks)
      ? node.marks.filter(
          (mark) => isRecord(mark) && typeof mark.type === 'string' && knownMarks.has(mark.type),
        )
      : [];
    return { nodeType: 'text', value: typeof node.value === 'string' ? node.value : '', marks, data: {} };
  }
  return { nodeType: node.nodeType, data, content: normalizeChildren(node.content) };
}
