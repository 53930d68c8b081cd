import { describe, expect, it } from 'vitest';
import { withDefaultUser } from '../../scripts/lib/dev-delivery.ts';
import { readFunctionRoutes } from '../../scripts/lib/dev-function-routes.ts';

/**
 * What `npm run dev` hands to the functions before Astro's trailing-slash check: the routes the
 * project's real functions declare, read with Netlify's own in-source config parser.
 */
describe('the function routes astro dev lets through', () => {
  it('matches declared paths and default function paths, and no page', async () => {
    const routes = await readFunctionRoutes(new URL('../../netlify/functions/', import.meta.url));
    for (const path of [
      '/api/leads',
      '/api/leads/health',
      '/API/Leads',
      '/.netlify/functions/deliver-leads-background',
    ])
      expect(routes.matches(path), path).toBe(true);
    for (const path of ['/', '/insights-2', '/api', '/api/leads/extra', '/.netlify/functions/nope'])
      expect(routes.matches(path), path).toBe(false);
  }, 60_000);
});

describe('the dev database URL', () => {
  it('names a user when the emulation left it out, and leaves a URL with one alone', () => {
    expect(withDefaultUser('postgres://localhost:5555/postgres')).toBe(
      'postgres://postgres@localhost:5555/postgres',
    );
    expect(withDefaultUser('postgres://ada:pw@db.example:5432/x')).toBe(
      'postgres://ada:pw@db.example:5432/x',
    );
  });
});
