import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localServerTimeouts, routeLocally } from '../../scripts/lib/local-routing.ts';
import type { WarmFunction } from '../../scripts/lib/warm-functions.ts';
import { emulatedDatabase, type TestDatabase } from '../fixtures/databases.ts';
import fc from 'fast-check';
import {
  leadCorpus,
  rawLeadCorpus,
  unstorableTextLeads,
  type HostileCase,
} from '../fixtures/hostile/lead-corpus.ts';
import { mutatedPost } from '../fixtures/hostile/byte-mutations.ts';
import { validLead } from '../fixtures/valid-lead.ts';
import { rawRequest } from '../fixtures/raw-http.ts';

/**
 * The served lead function (netlify/functions/leads.mts, warm, behind the local server's router
 * and timeouts) against a deterministic hostile corpus over real HTTP and raw sockets. Distinct
 * from tests/unit/leads-fuzz.test.ts, which fuzzes the schema: here every layer a request crosses
 * (Node's parser, routing, body limits, parsing, validation, storage) is in the way.
 */
const guardMs = 2_000;
let db: TestDatabase;
let server: Server;
let origin: string;
let host: string;
const routerErrors: unknown[] = [];
const savedEnv = { ...process.env };
const consoleErrors = vi.spyOn(console, 'error');

beforeAll(async () => {
  db = await emulatedDatabase();
  let functions: WarmFunction[] = [];
  server = createServer(localServerTimeouts(800), (request, response) => {
    void routeLocally(request, response, {
      functions,
      // The CDN's part: nothing else is served here (the form rules are bundled with the function).
      other: async (_, outgoing) => staticAnswer(outgoing, 404, 'Not found'),
      notFound: (_, outgoing) => staticAnswer(outgoing, 404, 'Not found'),
    }).catch((error: unknown) => {
      routerErrors.push(error);
      response.destroy();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;
  Object.assign(process.env, {
    SITE_URL: origin,
    NETLIFY_DB_URL: db.url,
    // The in-code limit would turn most of the corpus into 429s before it reached the parser.
    LEADS_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const leads = (await import('../../netlify/functions/leads.mts')).default;
  functions = [{ name: 'leads', patterns: [new URLPattern({ pathname: '/api/leads' })], handler: leads }];
});
afterAll(async () => {
  process.env = savedEnv;
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await db.close();
});

function staticAnswer(response: import('node:http').ServerResponse, status: number, body: string) {
  response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  return 'static';
}

/** Everything the lead store holds: leads and spam, in any state. */
const storedLeads = async () =>
  (await db.query<{ leads: number }>('SELECT count(*)::int AS leads FROM leads')).rows[0]?.leads ?? 0;

const postLead = (lead: Record<string, unknown>) =>
  fetch(`${origin}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(lead),
  });

interface Outcome {
  name: string;
  status: number;
  ms: number;
  timedOut: boolean;
  expected: number[];
  nosniff: boolean | undefined;
}

async function send(testCase: HostileCase): Promise<Outcome> {
  const started = performance.now();
  if (testCase.kind === 'raw') {
    const answer = await rawRequest(Number(host.split(':')[1]), testCase.parts, guardMs);
    return {
      name: testCase.name,
      status: answer.status,
      ms: answer.ms,
      timedOut: answer.timedOut,
      expected: testCase.expect,
      nosniff: undefined,
    };
  }
  try {
    const response = await fetch(`${origin}${testCase.path}`, {
      method: testCase.method,
      headers: testCase.headers,
      body: testCase.body,
      signal: AbortSignal.timeout(guardMs),
    });
    await response.arrayBuffer();
    const fromFunction = response.headers.get('x-floodgate-served-by') === 'function';
    return {
      name: testCase.name,
      status: response.status,
      ms: performance.now() - started,
      timedOut: false,
      expected: testCase.expect,
      nosniff: fromFunction ? response.headers.get('x-content-type-options') === 'nosniff' : undefined,
    };
  } catch {
    return {
      name: testCase.name,
      status: 0,
      ms: performance.now() - started,
      timedOut: true,
      expected: testCase.expect,
      nosniff: undefined,
    };
  }
}

/** Run `cases` with `concurrency` requests in flight. */
async function runAll(cases: readonly HostileCase[], concurrency: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) outcomes.push(await send(cases[next++]));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

describe('the lead endpoint under a hostile corpus', () => {
  it(
    'answers every request without a 5xx or a hang, stores nothing, and still takes a valid lead',
    { timeout: 60_000 },
    async () => {
      // A genuine lead first: the instance is warm, as a hostile burst would find it.
      const first = await postLead(validLead(crypto.randomUUID()));
      expect(first.status).toBe(202);
      const storedBefore = await storedLeads();

      const httpCases = leadCorpus(origin);
      const rawCases = rawLeadCorpus(host, origin);
      expect(httpCases.length + rawCases.length).toBeGreaterThanOrEqual(1_000);
      const outcomes = [...(await runAll(httpCases, 8)), ...(await runAll(rawCases, rawCases.length))];

      const serverErrors = outcomes.filter((outcome) => outcome.status >= 500);
      const hangs = outcomes.filter((outcome) => outcome.timedOut || outcome.ms > guardMs);
      const unexpected = outcomes.filter((outcome) => !outcome.expected.includes(outcome.status));
      const withoutHeaders = outcomes.filter((outcome) => outcome.nosniff === false);
      expect(serverErrors.map((outcome) => `${outcome.name}: ${outcome.status}`)).toEqual([]);
      expect(hangs.map((outcome) => `${outcome.name}: ${Math.round(outcome.ms)} ms`)).toEqual([]);
      expect(unexpected.map((o) => `${o.name}: ${o.status}, expected ${o.expected.join('/')}`)).toEqual([]);
      expect(withoutHeaders.map((outcome) => outcome.name)).toEqual([]);
      expect(await storedLeads()).toBe(storedBefore);
      expect(routerErrors).toEqual([]);
      // Bad input is answered, never logged as an error with a stack trace.
      expect(consoleErrors).not.toHaveBeenCalled();

      const after = await postLead(validLead(crypto.randomUUID()));
      expect(after.status).toBe(202);
      expect(await storedLeads()).toBeGreaterThan(storedBefore);
    },
  );

  it('refuses CR/LF in a one-line field of an otherwise valid lead, naming the field', async () => {
    for (const field of ['firstName', 'lastName', 'company']) {
      const response = await postLead({ ...validLead(crypto.randomUUID()), [field]: 'Ada\r\nX-Injected: 1' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(field);
    }
  });

  it('refuses a lone surrogate or NUL in any string field of a valid lead with a 400 naming it', async () => {
    const storedBefore = await storedLeads();
    for (const { name, field, lead } of unstorableTextLeads()) {
      const response = await postLead(lead);
      const body = (await response.json()) as { errors?: { field: string; message: string }[] };
      expect(response.status, name).toBe(400);
      // A 400 is final: no Retry-After, so the page script does not retry it.
      expect(response.headers.get('retry-after'), name).toBeNull();
      expect(
        body.errors?.map((error) => error.field),
        name,
      ).toContain(field);
    }
    expect(await storedLeads()).toBe(storedBefore);
  });
});

describe('the lead endpoint under byte-level mutations of valid posts', () => {
  /** The ids the queue holds, leads and spam alike. */
  const storedIds = async () =>
    new Set((await db.query<{ id: string }>('SELECT id FROM leads')).rows.map((row) => row.id));

  it(
    'answers 202 or a 4xx, never a 5xx or a hang, and stores exactly what it answered 202',
    { timeout: 120_000 },
    async () => {
      const before = await storedIds();
      const accepted = new Set<string>();
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(mutatedPost(), async (post) => {
          let status: number;
          let text = '';
          try {
            const response = await fetch(`${origin}/api/leads`, {
              method: 'POST',
              headers: { 'content-type': post.contentType, origin },
              body: post.body,
              redirect: 'manual',
              // A guard against a hang, not a performance assertion: an answer takes milliseconds.
              signal: AbortSignal.timeout(guardMs * 5),
            });
            status = response.status;
            text = await response.text();
          } catch {
            status = 0; // no answer: a hang or a dropped connection
          }
          const context = `${post.description}: ${status} ${text.slice(0, 200)}`;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          expect([202, 303].includes(status) || (status >= 400 && status < 500), context).toBe(true);
          if (status === 202) accepted.add((JSON.parse(text) as { id: string }).id);
        }),
        // Fixed seed, bounded runs: reproducible in CI; a failure prints the shrunk mutation.
        { numRuns: 300, seed: 20261207 },
      );
      const added = [...(await storedIds())].filter((id) => !before.has(id));
      // Everything answered 202 was stored (a JSON answer names the id); nothing else was, beyond
      // the no-JS posts answered 303 (their answer names no id, so they are counted).
      expect([...accepted].filter((id) => !added.includes(id))).toEqual([]);
      expect(added.filter((id) => !accepted.has(id)).length).toBeLessThanOrEqual(statuses.get(303) ?? 0);
      // The generator reaches both sides: some mutations survive validation, most do not.
      expect(statuses.get(202) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
      expect(consoleErrors).not.toHaveBeenCalled();
    },
  );
});
