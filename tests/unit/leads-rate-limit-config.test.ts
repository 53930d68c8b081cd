import { readFile } from 'node:fs/promises';
// Netlify's own parser for in-source function config (what the deploy reads from leads.mts).
import { parseSource } from '@netlify/zip-it-and-ship-it/dist/runtimes/node/in_source_config/index.js';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { createRateLimiter } from '../../src/lib/leads/rate-limit.ts';
import { LEAD_RATE_LIMIT } from '../../src/schemas/lead-rate-limit.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

const leadsFunction = new URL('../../netlify/functions/leads.mts', import.meta.url);

describe('one rate limit for Netlify’s edge and the in-code limiter', () => {
  it('leads.mts declares exactly LEAD_RATE_LIMIT, as Netlify’s parser reads it', async () => {
    const source = await readFile(leadsFunction, 'utf8');
    const parsed = parseSource(source, { functionName: 'leads' }) as { config: { rateLimit?: unknown } };
    expect(parsed.config.rateLimit).toEqual(LEAD_RATE_LIMIT);
  });

  it('the in-code limiter defaults to the same limit and window', () => {
    const env = parseEnv(LeadIntakeEnvSchema, {}, 'test');
    expect(env.rateLimitPerMinute).toBe(LEAD_RATE_LIMIT.windowLimit);
    const limiter = createRateLimiter({
      limit: env.rateLimitPerMinute,
      windowMs: LEAD_RATE_LIMIT.windowSize * 1000,
    });
    const answers = Array.from(
      { length: LEAD_RATE_LIMIT.windowLimit + 1 },
      () => limiter.check('ip', 0).allowed,
    );
    expect(answers.filter(Boolean)).toHaveLength(LEAD_RATE_LIMIT.windowLimit);
    expect(limiter.check('ip', LEAD_RATE_LIMIT.windowSize * 1000).allowed).toBe(true);
  });

  it('refuses a different in-code limit in production, where Netlify’s would answer first', () => {
    const production = { CONTEXT: 'production', LEADS_IP_HASH_SECRET: 's'.repeat(32) };
    expect(() =>
      parseEnv(LeadIntakeEnvSchema, { ...production, LEADS_RATE_LIMIT_PER_MINUTE: '50' }, 'x'),
    ).toThrow(/LEADS_RATE_LIMIT_PER_MINUTE: differs from Netlify's limit/);
    expect(parseEnv(LeadIntakeEnvSchema, { LEADS_RATE_LIMIT_PER_MINUTE: '50' }, 'x').rateLimitPerMinute).toBe(
      50,
    );
  });
});
