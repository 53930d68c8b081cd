import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggingRefusals, withIntakeLog } from '../../src/lib/leads/intake-log.ts';
import { jsonResponse, problemResponse } from '../../src/lib/leads/lead-responses.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { inProcessDatabase, type TestDatabase } from '../fixtures/databases.ts';

/** One log line per submission, from the real queue on PGlite: ids and outcomes, never the payload. */
let db: TestDatabase;
beforeAll(async () => {
  db = await inProcessDatabase();
}, 60_000);
afterAll(() => db.close());

const lead = (key: string, email: string) => ({
  idempotencyKey: key,
  fingerprint: `f-${email}`,
  receivedAt: Date.UTC(2026, 11, 7, 12),
  payload: { formId: 'demo-request', fields: { email, name: 'Jane Doe' } },
  flow: { lane: 'normal' as const, group: 'form:demo-request', formId: 'demo-request' },
});

describe('the intake log', () => {
  it('accepted, spam, replayed and conflicting leads each write one line with their ids', async () => {
    const lines: Record<string, unknown>[] = [];
    const raw = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    const queue = withIntakeLog(raw, (line) => lines.push(line));
    const first = await queue.enqueue(lead('k1', 'jane@example.com'));
    await queue.enqueue(lead('k1', 'jane@example.com'));
    await queue.enqueue(lead('k1', 'other@example.com'));
    const spam = await queue.enqueue(lead('k2', 'bot@example.com'), { score: 9, signals: ['honeypot'] });
    const form = { formId: 'demo-request', group: 'form:demo-request' };
    expect(lines).toEqual([
      { event: 'lead.accepted', leadId: first.id, ...form, state: 'queued' },
      { event: 'lead.replayed', leadId: first.id, ...form },
      { event: 'lead.conflict', leadId: first.id, ...form },
      { event: 'lead.accepted', leadId: spam.id, ...form, state: 'spam' },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/@|Jane/);
  });

  it('every refusal but the 409 writes one line with its status and reason', async () => {
    const lines: Record<string, unknown>[] = [];
    const answers = [
      problemResponse({ status: 400, error: 'invalid_lead', message: 'x' }, undefined),
      problemResponse({ status: 409, error: 'idempotency_conflict', message: 'x' }, undefined),
      problemResponse({ status: 503, error: 'unavailable', message: 'x' }, undefined),
      jsonResponse(202, { id: 'x' }),
    ];
    const handler = loggingRefusals(
      async () => answers.shift()!,
      (line) => lines.push(line),
    );
    for (let i = 0; i < 4; i += 1) await handler();
    expect(lines).toEqual([
      { event: 'lead.refused', status: 400, reason: '400 invalid_lead' },
      { event: 'lead.refused', status: 503, reason: '503' },
    ]);
  });
});
