import { describe, expect, it } from 'vitest';
import { createSiteHandOff } from '../../src/content/loaders/contentful-handoff.ts';
import type { MappedSite } from '../../src/lib/content/map-space.ts';

const site = (name: string) => ({ pages: [], settings: {}, warnings: [name] }) as unknown as MappedSite;

describe('handing one sync to both collections', () => {
  it('works whichever loader starts first, once per run', async () => {
    const handOff = createSiteHandOff();
    handOff.publish(Promise.resolve(site('run 1')));
    expect((await handOff.take()).warnings).toEqual(['run 1']);

    const waiting = handOff.take();
    handOff.publish(Promise.resolve(site('run 2')));
    expect((await waiting).warnings).toEqual(['run 2']);
  });

  it('passes a failed sync on to the settings loader', async () => {
    const handOff = createSiteHandOff();
    const taken = handOff.take();
    handOff.publish(Promise.reject(new Error('Contentful rejected CONTENTFUL_DELIVERY_TOKEN')));
    await expect(taken).rejects.toThrow('CONTENTFUL_DELIVERY_TOKEN');
  });
});
