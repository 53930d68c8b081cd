import { describe, expect, it } from 'vitest';
import { mailTextsFor, renderMail } from '../../src/lib/doi/render-mail.ts';
import { withoutAddresses } from '../../src/lib/doi/mail-transport.ts';
import { confirmationMailProblems } from '../../src/schemas/confirmation-mail.ts';
import type { FormConfigMap } from '../../src/schemas/lead.ts';

const forms: FormConfigMap = {
  newsletter: {
    fields: ['email'],
    requiredFields: ['email'],
    customFields: [],
    pageSlugs: ['newsletter'],
    needsConfirmation: true,
    mails: {
      'en-US': {
        confirmation: { subject: 'Please confirm', body: 'Hello,\n\nconfirm here: {link}\n\nThanks' },
      },
      'de-DE': {
        confirmation: {
          subject: 'Bitte bestätigen',
          body: 'Hallo,\n\nbitte hier bestätigen: {link}\n\nDanke',
        },
      },
    },
  },
  'en-only': {
    fields: ['email'],
    requiredFields: ['email'],
    customFields: [],
    pageSlugs: ['x'],
    mails: { 'en-US': { confirmation: { subject: 'Confirm', body: '{link}' } } },
  },
};
const link = 'https://www.example.com/de/anmeldung-bestaetigen/?token=abc.def';

describe('confirmation mails per locale', () => {
  it('are written in the lead’s locale with the link on a line of its own', () => {
    const texts = mailTextsFor(forms, 'newsletter', 'de-DE', 'confirmation');
    expect(texts?.subject).toBe('Bitte bestätigen');
    const mail = renderMail(texts ?? { subject: '', body: '' }, link);
    expect(mail).toEqual({
      subject: 'Bitte bestätigen',
      text: `Hallo,\n\nbitte hier bestätigen:\n${link}\n\nDanke\n`,
    });
    expect(mail.text).toContain(`\n${link}\n`);
    expect(
      renderMail(
        mailTextsFor(forms, 'newsletter', 'en-US', 'confirmation') ?? { subject: '', body: '' },
        link,
      ).subject,
    ).toBe('Please confirm');
  });

  it('fall back to the default locale’s texts, and are absent for unknown forms and kinds', () => {
    expect(mailTextsFor(forms, 'en-only', 'de-DE', 'confirmation')?.subject).toBe('Confirm');
    expect(mailTextsFor(forms, 'nope', 'en-US', 'confirmation')).toBeUndefined();
    expect(mailTextsFor(forms, 'toString', 'en-US', 'confirmation')).toBeUndefined();
    expect(mailTextsFor(forms, 'newsletter', 'en-US', 'receipt')).toBeUndefined();
  });

  it('keep a subject on one line (no header injection from content)', () => {
    expect(renderMail({ subject: 'a\r\nBcc: x@example.com', body: 'b' }).subject).toBe(
      'a Bcc: x@example.com',
    );
  });

  it('are required by content when a form needs confirmation, with {link} in the text', () => {
    expect(confirmationMailProblems({ needsConfirmation: false })).toEqual([]);
    expect(
      confirmationMailProblems({
        needsConfirmation: true,
        confirmationSubject: 'S',
        confirmationBody: 'no link',
      }),
    ).toEqual([{ path: ['confirmationBody'], message: expect.stringContaining('{link}') }]);
    expect(confirmationMailProblems({ needsConfirmation: true }).map((problem) => problem.path[0])).toEqual([
      'confirmationSubject',
      'confirmationBody',
    ]);
  });

  it('store SMTP answers without the addresses they quote', () => {
    expect(withoutAddresses('550 5.1.1 <ada@example.com>: Recipient address rejected')).toBe(
      '550 5.1.1 <<address>>: Recipient address rejected',
    );
  });
});
