import { describe, expect, it } from 'vitest';
import { leadFieldCatalog, leadFieldIds } from '../../src/schemas/lead-fields.ts';
import { leadMessages, localizeFieldMessage } from '../../src/schemas/lead-messages.ts';
import { LeadSubmissionSchema } from '../../src/schemas/lead.ts';
import { multiLineText, oneLineText, textProblem } from '../../src/schemas/text-rules.ts';

const messageOf = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('one-line fields', () => {
  const firstName = leadFieldCatalog.firstName.schema;

  it('refuse CR, LF and the other line breaks, with a field message', () => {
    for (const value of [
      'Ada\r\nX-Injected: 1',
      'Ada\nLovelace',
      'Ada\rX',
      'Ada\u0085X',
      'Ada\u2028X',
      'Ada\u2029X',
    ])
      expect(messageOf(firstName.safeParse(value)), JSON.stringify(value)).toBe(leadMessages.lineBreaks);
  });

  it('refuse other control characters (tab, NUL, ESC, DEL, C1)', () => {
    for (const value of ['Ada\tX', 'Ada\u0000', 'Ada\u001B[31m', 'Ada\u007F', 'Ada\u009B'])
      expect(messageOf(firstName.safeParse(value)), JSON.stringify(value)).toBe(
        leadMessages.controlCharacters,
      );
  });

  it('trim surrounding whitespace, line breaks included, before judging', () => {
    expect(firstName.parse('  Ada Lovelace\r\n')).toBe('Ada Lovelace');
  });

  it('say it in German on a German page', () => {
    expect(localizeFieldMessage(leadMessages.lineBreaks, 'de-DE')).toBe(
      'bitte in einer Zeile ohne Zeilenumbrüche schreiben',
    );
  });
});

describe('multi-line fields', () => {
  it('allow line breaks and tabs, but not other control characters', () => {
    expect(leadFieldCatalog.message.schema.parse('Hello,\r\n\tthe roadmap?')).toBe(
      'Hello,\r\n\tthe roadmap?',
    );
    expect(messageOf(multiLineText(100).safeParse('Hi\u0000'))).toBe(leadMessages.controlCharacters);
    expect(messageOf(multiLineText(100).safeParse('Hi\u001B[2J'))).toBe(leadMessages.controlCharacters);
  });
});

describe('length limits count as the browser’s maxlength does (UTF-16 code units)', () => {
  it('counts an emoji as two at the boundary', () => {
    const rule = oneLineText(4);
    expect(rule.safeParse('ab😀').success).toBe(true); // 4 units
    expect(messageOf(rule.safeParse('abc😀'))).toBe('use 4 characters or fewer'); // 4 code points, 5 units
    expect(messageOf(rule.safeParse('😀😀😀'))).toBe('use 4 characters or fewer'); // 3 code points, 6 units
  });

  it('takes every limit and its maxlength from one number', () => {
    const limited = leadFieldIds.flatMap((id) => {
      const { input } = leadFieldCatalog[id];
      return 'maxlength' in input ? [[id, input.maxlength] as const] : [];
    });
    expect(limited.map(([id]) => id)).toEqual(leadFieldIds.filter((id) => id !== 'companySize'));
    for (const [id, max] of limited) {
      const { schema } = leadFieldCatalog[id];
      // Digits fit every field's own format (a phone number too); the emoji pushes one unit over.
      const fits = id === 'email' ? `${'a'.repeat(max - 12)}@example.com` : '1'.repeat(max);
      const over = id === 'email' ? `${'a'.repeat(max - 13)}😀@example.com` : `${'1'.repeat(max - 1)}😀`;
      expect(schema.safeParse(fits).success, `${id} at ${max}`).toBe(true);
      expect(
        schema.safeParse(over).error?.issues.map((issue) => issue.message),
        `${id} over ${max}`,
      ).toContain(`use ${max} characters or fewer`);
    }
  });
});

describe('text that cannot be stored (lone surrogates, NUL) is refused in every string field', () => {
  const lead = {
    email: 'ada@example.com',
    firstName: 'Ada',
    formId: 'demo-request',
    pageSlug: 'home',
    locale: 'en-US',
    consent: true,
    consentVersion: 'form-home-demo:en-US:0f819c71f9d24e87',
  };

  it('names the field with a message, for every free string the schema keeps', () => {
    for (const bad of ['Ada\ud800', '\udfffAda', 'A\ud800\ud800da'])
      for (const [field, value] of [
        ['firstName', bad],
        ['company', bad],
        ['message', bad],
        ['consentVersion', bad],
        ['website', bad],
        ['utm', { utm_source: bad }],
      ] as const) {
        const parsed = LeadSubmissionSchema.safeParse({ ...lead, [field]: value });
        expect(parsed.success, `${field} ${JSON.stringify(bad)}`).toBe(false);
        const issue = parsed.error?.issues[0];
        expect(issue?.path[0]).toBe(field);
        expect(issue?.message).toBe(leadMessages.malformedText);
      }
  });

  it('refuses NUL in fields with no control-character rule of their own', () => {
    for (const field of ['consentVersion', 'website']) {
      const parsed = LeadSubmissionSchema.safeParse({ ...lead, [field]: 'v\u0000' });
      expect(parsed.error?.issues[0]?.message, field).toBe(leadMessages.controlCharacters);
    }
  });

  it('accepts well-formed text outside the BMP (a surrogate pair is one character)', () => {
    expect(textProblem('Ada 👩‍💻 𝔄')).toBeUndefined();
    expect(LeadSubmissionSchema.safeParse({ ...lead, firstName: 'Ada 😀' }).success).toBe(true);
  });

  it('says it in German on a German page', () => {
    expect(localizeFieldMessage(leadMessages.malformedText, 'de-DE')).toBe(
      'bitte ungültige Zeichen entfernen',
    );
  });
});
