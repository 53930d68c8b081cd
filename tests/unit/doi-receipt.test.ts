import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { formMailTexts, renderMail } from '../../src/lib/doi/render-mail.ts';
import { wantsReceipt } from '../../src/lib/doi/wants-receipt.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import type { FormConfig } from '../../src/schemas/lead.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

const receiptForm: Pick<FormConfig, 'mails'> = {
  mails: {
    'en-US': { receipt: { subject: 'We have your request', body: 'Thank you.\n\n\n\nHarbor   \n' } },
    'de-DE': { receipt: { subject: 'Anfrage\r\nerhalten', body: 'Vielen Dank.' } },
  },
};
const email = { email: 'ada@example.com' };

describe('receipt mails', () => {
  it('a form with receipt texts in the visitor’s locale gets a receipt', () => {
    expect(wantsReceipt(receiptForm, 'de-DE', email)).toBe(true);
    expect(formMailTexts(receiptForm, 'de-DE', 'receipt')?.body).toBe('Vielen Dank.');
  });

  it('falls back to the default locale’s texts, as the worker renders them', () => {
    const englishOnly = { mails: { 'en-US': receiptForm.mails?.['en-US'] ?? {} } };
    expect(wantsReceipt(englishOnly, 'de-DE', email)).toBe(true);
    expect(formMailTexts(englishOnly, 'de-DE', 'receipt')?.subject).toBe('We have your request');
  });

  it('no receipt texts, only a confirmation, or no address: no receipt', () => {
    expect(wantsReceipt({}, 'en-US', email)).toBe(false);
    const confirmationOnly = { mails: { 'en-US': { confirmation: { subject: 'Confirm', body: '{link}' } } } };
    expect(wantsReceipt(confirmationOnly, 'en-US', email)).toBe(false);
    expect(wantsReceipt(receiptForm, 'en-US', { firstName: 'Ada' })).toBe(false);
  });

  it('renders as plain text without a link, the subject on one line', () => {
    const texts = formMailTexts(receiptForm, 'de-DE', 'receipt');
    expect(renderMail(texts ?? { subject: '', body: '' })).toEqual({
      subject: 'Anfrage erhalten',
      text: 'Vielen Dank.\n',
    });
    expect(renderMail(formMailTexts(receiptForm, 'en-US', 'receipt') ?? { subject: '', body: '' }).text).toBe(
      'Thank you.\n\nHarbor\n',
    );
  });
});

describe('the embedded demo request', () => {
  it('has an English and a German receipt, bundled with its form rules', () => {
    const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));
    const demo = formConfigsFrom(site.pages)['demo-request'];
    expect(demo?.needsConfirmation).toBeUndefined();
    expect(formMailTexts(demo ?? {}, 'en-US', 'receipt')?.subject).toBe('We have your demo request');
    expect(formMailTexts(demo ?? {}, 'de-DE', 'receipt')?.subject).toBe(
      'Ihre Demo-Anfrage ist bei uns eingegangen',
    );
  });
});
