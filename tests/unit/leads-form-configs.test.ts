import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapSpace, type LocalizedPage } from '../../src/lib/content/map-space.ts';
import { createFormRulesSource } from '../../src/lib/leads/form-rules-source.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { recordingLeadQueue } from '../fixtures/recording-lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));

describe('formConfigsFrom', () => {
  it('publishes every form of the embedded site once, across locales', () => {
    const forms = formConfigsFrom(site.pages);
    expect(Object.keys(forms)).toEqual([
      'demo-request',
      'insights-early-access',
      'newsletter',
      'webinar-2026-12',
      'winter-sale-offer',
    ]);
    expect(forms['insights-early-access']).toEqual({
      fields: ['email', 'firstName', 'company', 'jobTitle'],
      requiredFields: ['email'],
      customFields: [],
      successSlug: 'thank-you',
      successSlugs: { 'en-US': 'thank-you', 'de-DE': 'danke' },
      pageSlugs: ['insights-2'],
      lane: 'normal',
      campaign: 'insights-2-launch',
      consentEntries: ['form-insights-2-early-access'],
    });
  });

  it('carries each form’s delivery priority (normal when content sets none) and its campaign', () => {
    const forms = formConfigsFrom(site.pages);
    expect(forms['demo-request']).toMatchObject({ lane: 'urgent' });
    expect(forms['demo-request']?.campaign).toBeUndefined();
    expect(forms['webinar-2026-12']).toMatchObject({ lane: 'normal' });
  });

  it("carries its campaign ticket's delivery weight and cap to the lead function", () => {
    const pages = site.pages.map((entry) =>
      entry.page.campaign?.key === 'insights-2-launch'
        ? {
            ...entry,
            page: {
              ...entry.page,
              campaign: { ...entry.page.campaign, deliveryWeight: 3, maxDeliveriesPerSecond: 20 },
            },
          }
        : entry,
    );
    expect(formConfigsFrom(pages)['insights-early-access']).toMatchObject({
      campaign: 'insights-2-launch',
      campaignWeight: 3,
      campaignMaxPerSecond: 20,
    });
    expect(formConfigsFrom(site.pages)['insights-early-access']).not.toHaveProperty('campaignWeight');
  });

  it('fails the build when two forms share a form id but not a priority', () => {
    const home = site.pages.find((page) => page.path === '/')!;
    const sections = home.page.sections.map((section) =>
      section.type === 'leadForm' ? { ...section, priority: 'bulk' as const } : section,
    );
    const other: LocalizedPage = { ...home, page: { ...home.page, slug: 'spring-promo', sections } };
    expect(() => formConfigsFrom([home, other])).toThrow(/success page or priority/);
  });

  it('collects every page that shows the same form', () => {
    const home = site.pages.find((page) => page.path === '/')!;
    const copy: LocalizedPage = { ...home, page: { ...home.page, slug: 'spring-promo' } };
    expect(formConfigsFrom([home, copy])['demo-request']?.pageSlugs).toEqual(['home', 'spring-promo']);
  });

  it('fails the build when two different forms share a form id, naming both pages', () => {
    const home = site.pages.find((page) => page.path === '/')!;
    const sections = home.page.sections.map((section) =>
      section.type === 'leadForm' ? { ...section, requiredFields: ['email' as const] } : section,
    );
    const other: LocalizedPage = { ...home, page: { ...home.page, slug: 'spring-promo', sections } };
    expect(() => formConfigsFrom([home, other])).toThrow(
      'leadForm "demo-request" on page "spring-promo" differs from the form with the same id on page "home"',
    );
  });
});

describe('createFormRulesSource', () => {
  const rules = {
    'demo-request': { fields: ['email'], requiredFields: ['email'], customFields: [], pageSlugs: ['home'] },
  };

  it('reads the bundled rules once per instance and keeps them', async () => {
    let reads = 0;
    const source = createFormRulesSource(
      async () => (reads++, rules),
      () => {},
    );
    await source.load();
    expect(await source.load()).toEqual(rules);
    expect(reads).toBe(1);
  });

  it('logs why it has no rules and tries again instead of caching the failure', async () => {
    const answers: unknown[] = [
      new Error("Cannot find module '.floodgate/form-rules.json'"),
      { broken: true },
      rules,
    ];
    const logged: string[] = [];
    const source = createFormRulesSource(
      async () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      (line) => logged.push(line),
    );
    await expect(source.load()).rejects.toThrow('Cannot find module');
    await expect(source.load()).rejects.toThrow();
    await expect(source.load()).resolves.toEqual(rules);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/no form rules from the build \(Cannot find module .*\); answering 503/);
  });
});

describe('createLeadEndpoint without form rules', () => {
  it('answers 503 with Retry-After and logs the reason, leaking nothing', async () => {
    const logged: string[] = [];
    const { queue, stored } = recordingLeadQueue();
    const endpoint = createLeadEndpoint({
      env: LeadIntakeEnvSchema.parse({}),
      queue,
      readFormRules: () => Promise.reject(new Error("Cannot find module '/srv/.floodgate/form-rules.json'")),
      log: (line) => logged.push(line),
    });
    const response = await endpoint(
      new Request('http://localhost:8888/api/leads', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8888' },
        body: JSON.stringify({ formId: 'demo-request', email: 'ada@example.com' }),
      }),
      { ip: '203.0.113.9' },
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(await response.text()).not.toContain('floodgate');
    expect(logged).toEqual([expect.stringContaining("Cannot find module '/srv/.floodgate/form-rules.json'")]);
    expect(stored).toEqual([]);
  });
});
