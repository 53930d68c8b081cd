import { describe, expect, it } from 'vitest';
import { blockComponents } from '../../src/components/blocks/index.ts';
import { blockTypes } from '../../src/schemas/block.ts';

describe('block registry', () => {
  it('has a component for every block content type and nothing else', () => {
    expect(Object.keys(blockComponents).sort()).toEqual([...blockTypes].sort());
  });

  it('maps each content type to a distinct Astro component', () => {
    const components = Object.values(blockComponents);
    expect(new Set(components).size).toBe(components.length);
    for (const component of components) expect(component).toHaveProperty('isAstroComponentFactory', true);
  });
});
