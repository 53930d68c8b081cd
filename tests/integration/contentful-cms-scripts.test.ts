import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentModel } from '../../src/schemas/content-model.ts';
import { startFakeCma, type FakeCma } from '../fixtures/fake-cda/fake-cma.ts';
import { embeddedSpace } from '../fixtures/fake-cda/index.ts';

const run = promisify(execFile);
let cma: FakeCma;
beforeEach(async () => {
  cma = await startFakeCma();
});
afterEach(() => cma.close());

/** Run an npm script's file the way `npm run` does, against the fake Management API. */
const script = (name: 'model' | 'seed') =>
  run(process.execPath, [`scripts/cms/${name}.ts`], { env: { PATH: process.env.PATH, ...cma.env() } }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('npm run cms:model and cms:seed against a Management API on loopback', () => {
  it('creates and publishes the model once, then reports every type unchanged', async () => {
    const first = await script('model');
    expect(first.stdout).toContain(`${contentModel.length} created, 0 updated, 0 published, 0 unchanged`);
    expect(first.stdout).toContain('created   locale de-DE (falls back to en-US)');
    expect([...cma.contentTypes.values()].every((type) => type.sys.publishedVersion !== undefined)).toBe(
      true,
    );

    const hero = cma.contentTypes.get('hero')!;
    (hero.fields as Array<{ id: string; localized: boolean }>).find(
      (field) => field.id === 'heading',
    )!.localized = false;
    const second = await script('model');
    expect(second.stdout).toMatch(/update {4}hero\n {12}field heading › localized: false → true/);
    expect(second.stdout).toContain(
      `0 created, 1 updated, 0 published, ${contentModel.length - 1} unchanged`,
    );

    const third = await script('model');
    expect(third.stdout).toContain(`0 created, 0 updated, 0 published, ${contentModel.length} unchanged`);
  }, 30_000);

  it('seeds an empty space with every asset and entry, published, and refuses to seed it twice', async () => {
    await script('model');
    const space = await embeddedSpace();
    const seeded = await script('seed');
    expect(seeded.stdout).toContain(
      `Seeded ${space.assets.length} assets and ${space.entries.length} entries`,
    );
    expect(cma.entries.size).toBe(space.entries.length);
    expect([...cma.entries.values(), ...cma.assets.values()].every((item) => item.sys.publishedVersion)).toBe(
      true,
    );
    const hero = cma.entries.get('hero-home')!;
    expect(hero.sys.contentType).toEqual({ sys: { type: 'Link', linkType: 'ContentType', id: 'hero' } });

    const again = await script('seed');
    expect('code' in again && again.code).toBe(1);
    expect(again.stderr).toMatch(
      /already has \d+ entries and \d+ assets; cms:seed only fills an empty space/,
    );
  }, 30_000);

  it('says in one line, without a stack trace, which variables are missing', async () => {
    const result = await run(process.execPath, ['scripts/cms/model.ts'], {
      env: { PATH: process.env.PATH },
    }).catch((error: { stderr: string; code: number }) => error);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr.trim().split('\n')).toEqual([
      'npm run cms:model is off: CONTENTFUL_MANAGEMENT_TOKEN and CONTENTFUL_SPACE_ID are not set; to turn it on, set them in the environment (.env.example says where each value comes from).',
    ]);
  });
});
