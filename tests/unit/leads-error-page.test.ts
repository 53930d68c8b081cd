import { describe, expect, it } from 'vitest';
import { describeFieldError, renderErrorPage } from '../../src/lib/leads/error-page.ts';
import { renderResendForm } from '../../src/lib/leads/resend-form.ts';
import type { FormConfig } from '../../src/schemas/lead.ts';

describe('renderErrorPage', () => {
  it('is a small accessible page in the visitor’s language with a link back to the form', () => {
    const html = renderErrorPage({
      locale: 'de-DE',
      items: [describeFieldError({ field: 'email', message: 'enter an email address' }, 'de-DE')],
      backHref: '/de/fruehling/#signup',
    });
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Bitte prüfen Sie Ihre Angaben</h1>');
    expect(html).toContain('<li>Geschäftliche E-Mail: enter an email address</li>');
    expect(html).toContain('<a href="/de/fruehling/#signup">Zurück zum Formular</a>');
    expect(html).not.toMatch(/<script|<style|style=/);
  });

  it('escapes every piece of text', () => {
    const html = renderErrorPage({
      locale: 'en-US',
      items: ['<img src=x onerror=alert(1)> & "quotes"'],
      backHref: '/x/"><script>alert(1)</script>',
    });
    expect(html).toContain('<li>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</li>');
    expect(html).toContain('href="/x/&quot;&gt;&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
  });

  it('labels consent and unknown fields sensibly', () => {
    expect(describeFieldError({ field: 'consent', message: 'tick it' }, 'en-US')).toBe('Consent: tick it');
    expect(describeFieldError({ field: 'formId', message: 'unknown' }, 'en-US')).toBe('formId: unknown');
  });
});

describe('renderErrorPage inside the site’s template', () => {
  const template = `<!doctype html><html lang="de"><head><link rel="stylesheet" href="/_astro/site.css"></head>
<body><header class="site-header">Harbor</header><main id="main"><lead-error-slot></lead-error-slot></main>
<footer class="site-footer">Fußzeile</footer>
<template data-consent-for="early-access">Ich stimme zu. Einzelheiten im <a href="/de/datenschutz/">Datenschutzhinweis</a>.</template>
<template data-consent-for="other">Anderer Text</template></body></html>`;
  const form: FormConfig = {
    fields: ['email', 'firstName', 'companySize'],
    requiredFields: ['email'],
    customFields: [],
    pageSlugs: ['insights-2'],
  };
  const posted = {
    formId: 'early-access',
    pageSlug: 'insights-2',
    locale: 'de-DE',
    consentVersion: 'form-insights-2-early-access:de-DE:58ea5682a9ea9505',
    email: 'ada@localhost',
    firstName: 'Ada "<b>"',
    companySize: '51-200',
    favouriteColour: 'teal',
    consent: 'yes',
    utm: { utm_source: 'newsletter' },
  };
  const html = renderErrorPage({
    locale: 'de-DE',
    items: ['Geschäftliche E-Mail: bitte prüfen'],
    backHref: '/de/insights-2/#early-access-form',
    template,
    resend: {
      posted,
      form,
      errors: [{ field: 'email', message: 'bitte prüfen' }],
      consentLabelHtml: undefined,
    },
  });

  it('keeps the site’s stylesheet, header and footer and fills the slot', () => {
    expect(html).toContain('<link rel="stylesheet" href="/_astro/site.css">');
    expect(html).toContain('<header class="site-header">Harbor</header>');
    expect(html).toContain('<footer class="site-footer">Fußzeile</footer>');
    expect(html).not.toContain('<lead-error-slot>');
    expect(html).toContain(
      '<h1 id="lead-error-title" class="error-summary-title">Bitte prüfen Sie Ihre Angaben</h1>',
    );
  });

  it('shows every typed value again, escaped, with the problem next to its field', () => {
    expect(html).toMatch(
      /<input class="control" id="resend-email" name="email"[^>]* aria-invalid="true"[^>]*value="ada@localhost">/,
    );
    expect(html).toContain('value="Ada &quot;&lt;b&gt;&quot;"');
    expect(html).toContain('<option value="51-200" selected>51-200</option>');
    expect(html).toMatch(/id="resend-favouriteColour" name="favouriteColour"[^>]*value="teal"/);
    expect(html).toContain('<p class="field-error" id="resend-email-error">bitte prüfen</p>');
    expect(html).toMatch(/name="consent" value="yes" required aria-required="true" checked/);
  });

  it('carries the hidden context and the form’s own consent text with its privacy link', () => {
    for (const [name, value] of Object.entries({
      formId: 'early-access',
      pageSlug: 'insights-2',
      locale: 'de-DE',
      consentVersion: 'form-insights-2-early-access:de-DE:58ea5682a9ea9505',
      utm_source: 'newsletter',
    })) {
      expect(html).toContain(`<input type="hidden" name="${name}" value="${value}">`);
    }
    expect(html).toContain('Einzelheiten im <a href="/de/datenschutz/">Datenschutzhinweis</a>.');
    expect(html).not.toContain('<template');
    expect(html).not.toContain('Anderer Text');
    expect(html).toContain('>Erneut senden</button>');
    expect(html).not.toMatch(/<script|<style|style=/);
  });
});

describe('renderResendForm with fields defined in Contentful', () => {
  it('offers a required custom select again with its label and options, even when it was not posted', () => {
    const form: FormConfig = {
      fields: ['email'],
      requiredFields: ['email'],
      customFields: [
        {
          id: 'role',
          type: 'select',
          required: true,
          options: ['engineering', 'marketing'],
          labels: { 'en-US': 'Your role', 'de-DE': 'Ihre Rolle' },
        },
      ],
      pageSlugs: ['webinar'],
    };
    const html = renderResendForm(
      {
        posted: { formId: 'webinar', email: 'ada@example.com' },
        form,
        errors: [{ field: 'role', message: 'bitte eine der Optionen wählen' }],
        consentLabelHtml: undefined,
      },
      'de-DE',
    );
    expect(html).toContain('Ihre Rolle');
    expect(html).toMatch(/<select [^>]*name="role"[^>]* required/);
    expect(html).toContain('<option value="engineering">engineering</option>');
    expect(html).toContain('bitte eine der Optionen wählen');
  });
});
