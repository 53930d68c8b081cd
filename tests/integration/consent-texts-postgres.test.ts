import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsentTexts } from '../../src/lib/consent/read-consent-texts.ts';
import { siteConsentTexts } from '../../src/lib/consent/site-consent-texts.ts';
import {
  consentTextKeeper,
  consentTextRetryMs,
  storeConsentTexts,
} from '../../src/lib/consent/store-consent-texts.ts';
import { withConsentTexts } from '../../src/lib/consent/with-consent-texts.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { SpaceExportSchema, type SpaceExport } from '../../src/schemas/space-export.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { validLead } from '../fixtures/valid-lead.ts';

const site = 'http://127.0.0.1:4510';
let db: TestDatabase;
beforeAll(async () => {
  db = await realPostgresDatabase();
}, 60_000);
afterAll(async () => {
  await db?.close();
});

const embedded = (): SpaceExport =>
  SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8')));

/** A build of `space`: its form rules and consent texts, as the lead function bundles them. */
function deployOf(space: SpaceExport) {
  const mapped = mapSpace(space);
  const texts = siteConsentTexts(mapped.pages, (locale) => mapped.settings[locale], new URL(site));
  const version = (locale: string) =>
    texts.find((text) => text.entryId === 'form-home-demo' && text.locale === locale)!.version;
  return { rules: formConfigsFrom(mapped.pages), texts, version };
}

/** Every statement a client runs, to count the intake's. */
function counting(client: SqlClient) {
  const statements: string[] = [];
  return {
    statements,
    client: {
      query: (text, params) => {
        statements.push(text);
        return client.query(text, params);
      },
    } satisfies SqlClient,
  };
}

/** One warm lead function instance of a deploy, wired as netlify/functions/leads.mts wires it. */
function intakeOf(deploy: ReturnType<typeof deployOf>, client: SqlClient) {
  const env = parseEnv(
    LeadIntakeEnvSchema,
    { SITE_URL: site, LEADS_RATE_LIMIT_PER_MINUTE: '100000' },
    'test',
  );
  const keeper = consentTextKeeper({ db: client, read: async () => deploy.texts, log: () => {} });
  const queue = createPostgresLeadQueue({ db: client, now: Date.now, random: Math.random });
  const endpoint = createLeadEndpoint({
    env,
    queue: withConsentTexts(queue, keeper),
    readFormRules: async () => deploy.rules,
  });
  return (lead: Record<string, unknown>) =>
    endpoint(
      new Request(`${site}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: site },
        body: JSON.stringify(lead),
      }),
      { ip: '198.51.100.7' },
    );
}

const stored = async () =>
  (
    await db.query<{ version: string; text: string | null }>(
      `SELECT payload->'consent'->>'version' AS version, t.text
         FROM leads LEFT JOIN consent_texts t ON t.version = payload->'consent'->>'version'
        ORDER BY id`,
    )
  ).rows;

describe('consent texts in a real PostgreSQL', () => {
  it('keep the old words behind the old version after the wording changes', async () => {
    const before = deployOf(embedded());
    const reworded = embedded();
    const form = reworded.entries.find((entry) => entry.sys.id === 'form-home-demo')!;
    const oldWords = form.fields.consentText['en-US'] as string;
    form.fields.consentText['en-US'] = oldWords.replace('I agree', 'I expressly agree');
    const after = deployOf(reworded);
    expect(after.version('en-US')).not.toBe(before.version('en-US'));
    // German wording untouched: the same version, the same row.
    expect(after.version('de-DE')).toBe(before.version('de-DE'));

    const post = (deploy: typeof before, version: string) =>
      intakeOf(deploy, db)({ ...validLead(crypto.randomUUID()), consentVersion: version });
    expect((await post(before, before.version('en-US'))).status).toBe(202);
    // The marketer publishes; a visitor who loaded the page before posts the old version.
    expect((await post(after, after.version('en-US'))).status).toBe(202);
    expect((await post(after, before.version('en-US'))).status).toBe(202);

    const rows = await stored();
    expect(rows.map((row) => row.version)).toEqual([
      before.version('en-US'),
      after.version('en-US'),
      before.version('en-US'),
    ]);
    // Every lead resolves to the words it was given for.
    expect(rows.every((row) => row.text !== null)).toBe(true);
    const [old] = await readConsentTexts(db, { version: before.version('en-US') });
    expect(old?.text).toContain(oldWords.replace('privacy notice', '[privacy notice](/privacy/)'));
    expect(old?.text).not.toContain('expressly');
    const [current] = await readConsentTexts(db, { version: after.version('en-US') });
    expect(current?.text).toContain('I expressly agree');
    expect(current?.privacyUrl).toBe(`${site}/privacy/`);
  });

  it('writes each version once: a second store changes nothing, not even when it was first seen', async () => {
    const { texts } = deployOf(embedded());
    const [first] = await readConsentTexts(db, { version: texts[0].version });
    expect(await storeConsentTexts(db, texts)).toBe(0);
    const [again] = await readConsentTexts(db, { version: texts[0].version });
    expect(again?.firstSeenAt).toEqual(first?.firstSeenAt);
  });

  it('costs a lead function instance one statement for its texts, before its first lead, and none per lead', async () => {
    await db.query('TRUNCATE leads CASCADE');
    await db.query('TRUNCATE consent_texts');
    const deploy = deployOf(embedded());
    const { client, statements } = counting(db);
    const post = intakeOf(deploy, client);
    const leads = 10;
    for (let index = 0; index < leads; index++) {
      const answer = await post({
        ...validLead(crypto.randomUUID()),
        consentVersion: deploy.version('en-US'),
      });
      expect(answer.status).toBe(202);
    }
    const consentStatements = statements.filter((text) => text.includes('consent_texts'));
    expect(consentStatements).toHaveLength(1);
    expect(statements.indexOf(consentStatements[0])).toBe(0);
    expect(statements.length - consentStatements.length).toBe(leads);
    expect((await readConsentTexts(db)).length).toBe(deploy.texts.length);
  });

  it('never holds a lead back when the texts cannot be stored, and tries again 30 s later, not with every lead', async () => {
    await db.query('TRUNCATE consent_texts');
    const deploy = deployOf(embedded());
    let readable = false;
    let reads = 0;
    let clock = 1_000_000;
    const messages: string[] = [];
    const keeper = consentTextKeeper({
      db,
      read: async () => {
        reads += 1;
        return readable ? deploy.texts : Promise.reject(new Error('no bundled file'));
      },
      log: (message) => messages.push(message),
      now: () => clock,
    });
    await keeper.ensure();
    expect(messages).toEqual([expect.stringContaining('no bundled file')]);
    readable = true;
    clock += consentTextRetryMs - 1;
    await keeper.ensure();
    expect([reads, (await readConsentTexts(db)).length]).toEqual([1, 0]);
    clock += 1;
    await keeper.ensure();
    await keeper.ensure();
    expect([reads, (await readConsentTexts(db)).length]).toEqual([2, deploy.texts.length]);
  });
});
