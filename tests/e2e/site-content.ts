import { readFileSync } from 'node:fs';
import { mapSpace, type LocalizedPage } from '../../src/lib/content/map-space.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

/** The pages the embedded content should produce: the expectation the served site is checked against. */
export const expectedPages: LocalizedPage[] = mapSpace(
  SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))),
).pages;

export const hasForm = (localized: LocalizedPage) =>
  localized.page.sections.some((section) => section.type === 'leadForm');
