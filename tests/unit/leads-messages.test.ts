import { describe, expect, it } from 'vitest';
import { leadFieldCatalog } from '../../src/schemas/lead-fields.ts';
import {
  leadMessages,
  localizedLeadMessages,
  localizeFieldMessage,
  problemMessages,
} from '../../src/schemas/lead-messages.ts';

describe('lead messages', () => {
  it('translates every catalogue message, and limits with their number', () => {
    for (const [key, english] of Object.entries(leadMessages)) {
      if (key === 'tooLong') continue;
      expect(localizeFieldMessage(english, 'de-DE')).toBe(
        localizedLeadMessages['de-DE'][key as keyof typeof leadMessages],
      );
      expect(localizeFieldMessage(english, 'en-US')).toBe(english);
    }
    expect(localizeFieldMessage('use 254 characters or fewer', 'de-DE')).toBe(
      'bitte höchstens 254 Zeichen verwenden',
    );
  });

  it('leaves a message it does not know as it is', () => {
    expect(localizeFieldMessage('send this as string', 'de-DE')).toBe('send this as string');
  });

  it('is what the schemas actually say', () => {
    const email = leadFieldCatalog.email.schema.safeParse('ada@');
    expect(email.error?.issues[0]?.message).toBe(leadMessages.email);
    const company = leadFieldCatalog.company.schema.safeParse('x'.repeat(151));
    expect(localizeFieldMessage(company.error?.issues[0]?.message ?? '', 'de-DE')).toBe(
      'bitte höchstens 150 Zeichen verwenden',
    );
  });

  it('has every problem message in every locale', () => {
    expect(Object.keys(problemMessages['de-DE']).sort()).toEqual(
      Object.keys(problemMessages['en-US']).sort(),
    );
  });
});
