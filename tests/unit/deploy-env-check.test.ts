import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkDeployEnv, formatDeployEnvProblems } from '../../src/lib/env/deploy-env-check.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { onPreBuild } from '../../netlify/plugins/check-env/index.js';
import { completeProductionEnv } from '../fixtures/production-env.ts';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

const complete = completeProductionEnv;
const without = (name: keyof typeof complete) => {
  const env: Record<string, string> = { ...complete };
  delete env[name];
  return env;
};

describe('checkDeployEnv: the functions’ own schemas, per deploy context', () => {
  it('passes a complete production configuration', () => {
    expect(checkDeployEnv(complete, 'production')).toEqual([]);
  });

  it('names a missing secret and the function that needs it', () => {
    expect(checkDeployEnv(without('LEADS_IP_HASH_SECRET'), 'production')).toEqual([
      {
        variable: 'LEADS_IP_HASH_SECRET',
        message: expect.stringContaining('is not set'),
        functions: ['leads'],
      },
    ]);
  });

  it('names the erasure hash secret and every function comparing tombstones', () => {
    expect(checkDeployEnv(without('PRIVACY_HASH_SECRET'), 'production')).toEqual([
      {
        variable: 'PRIVACY_HASH_SECRET',
        message: expect.stringContaining('is not set'),
        functions: ['deliver-leads', 'deliver-leads-background', 'move-lead-outbox', 'ops', 'privacy-upkeep'],
      },
    ]);
  });

  it('names the database once, with every function that needs it', () => {
    const problems = checkDeployEnv(without('NETLIFY_DB_URL'), 'production');
    expect(problems.map((problem) => problem.variable)).toEqual(['NETLIFY_DB_URL']);
    expect(problems[0]?.functions).toEqual([
      'leads',
      'leads-health',
      'deliver-leads',
      'deliver-leads-background',
      'confirm-lead',
    ]);
  });

  it('asks deploy previews only for what the functions need there', () => {
    expect(checkDeployEnv({ NETLIFY_DB_URL: complete.NETLIFY_DB_URL }, 'deploy-preview')).toEqual([]);
    expect(checkDeployEnv({}, 'deploy-preview').map((problem) => problem.variable)).toEqual([
      'NETLIFY_DB_URL',
    ]);
  });

  it('checks the optional rebuild feature only once it is switched on, then completely', () => {
    const on = { ...complete, NETLIFY_BUILD_HOOK_URL: 'https://api.netlify.com/build_hooks/abc' };
    expect(checkDeployEnv(on, 'production')).toEqual([
      {
        variable: 'CONTENTFUL_WEBHOOK_SECRET',
        message: 'is not set',
        functions: ['contentful-webhook', 'rebuild-windows', 'rebuild-windows-background'],
      },
    ]);
  });

  it('says where to set each variable, in one message', () => {
    const message = formatDeployEnvProblems(checkDeployEnv({}, 'production'), 'production');
    for (const name of ['LEADS_IP_HASH_SECRET', 'NETLIFY_DB_URL', 'CRM_WEBHOOK_URL', 'CRM_WEBHOOK_SECRET'])
      expect(message).toContain(`  - ${name}:`);
    expect(message).toContain('Site configuration › Environment variables');
    expect(message).toContain('npm run check:env -- --context production');
  });
});

describe('npm run check:env and the Netlify build plugin', () => {
  const script = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['scripts/check-env.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
    });

  it('exits 1 naming the variable for production, 0 when complete', async () => {
    const failed = await script(['--context', 'production'], without('LEADS_IP_HASH_SECRET')).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('LEADS_IP_HASH_SECRET: is not set'),
    });
    const passed = await script(['--context', 'production'], complete);
    expect(passed.stdout).toContain('every function has what it needs in the production context');
  });

  it('fails the build through utils.build.failBuild, with the check’s message', async () => {
    const failures: string[] = [];
    const utils = {
      run: (file: string, args: string[]) =>
        run(file === 'node' ? process.execPath : file, args, { cwd: root }),
      build: { failBuild: (message: string) => failures.push(message) },
    };
    const saved = { ...process.env };
    try {
      process.env.CONTEXT = 'production';
      delete process.env.LEADS_IP_HASH_SECRET;
      await onPreBuild({ utils });
    } finally {
      process.env = saved;
    }
    expect(failures).toEqual([expect.stringContaining('LEADS_IP_HASH_SECRET')]);
  });
});

describe('configuredHandler: a bad configuration at run time', () => {
  it('answers 503 with a generic body and logs the variable’s name once', async () => {
    const logged: string[] = [];
    const handler = configuredHandler(
      'the lead function',
      () => {
        parseEnv(LeadIntakeEnvSchema, { CONTEXT: 'production' }, 'the lead function');
        return (_request: Request) => new Response('never');
      },
      { log: (line) => logged.push(line) },
    );
    for (let i = 0; i < 3; i += 1) {
      const response = await handler(new Request('https://site.example/api/leads', { method: 'POST' }));
      expect(response.status).toBe(503);
      expect(await response.text()).toBe(
        '{"error":"unavailable","message":"This service is unavailable just now."}',
      );
    }
    expect(logged).toEqual([expect.stringContaining('invalid or missing LEADS_IP_HASH_SECRET')]);
  });

  it('answers 404 for an optional feature that is off, and logs nothing', async () => {
    const logged: string[] = [];
    const handler = configuredHandler<[Request]>('x', () => 'off', { log: (line) => logged.push(line) });
    expect((await handler(new Request('https://site.example/'))).status).toBe(404);
    expect(logged).toEqual([]);
  });

  it('never puts an unexpected start-up error’s text in the log or the answer', async () => {
    const logged: string[] = [];
    const handler = configuredHandler(
      'x',
      () => {
        throw new TypeError('postgres://user:hunter2@db/site is odd');
      },
      { log: (line) => logged.push(line) },
    );
    const response = await handler(new Request('https://site.example/'));
    expect(response.status).toBe(503);
    expect([await response.text(), ...logged].join('\n')).not.toContain('hunter2');
    expect(logged).toEqual([expect.stringContaining('start-up failed (TypeError)')]);
  });
});
