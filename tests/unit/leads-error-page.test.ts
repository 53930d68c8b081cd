import { describe, expect, it } from 'vitest';
import { describeFieldError, renderErrorPage } from '../../src/lib/leads/error-page.ts';

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
