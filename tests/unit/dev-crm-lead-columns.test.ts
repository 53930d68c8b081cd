import { describe, expect, it } from 'vitest';
import { flattenLead, leadColumns } from '../../scripts/dev-crm/lead-columns.ts';

const lead = {
  fields: { email: 'ada@example.com', firstName: 'Ada' },
  formId: 'demo-request',
  utm: { utm_source: 'newsletter', utm_campaign: 'winter' },
  consent: { given: true, version: '2026-11' },
  userAgent: 'Mozilla/5.0',
};

describe('dev CRM lead columns', () => {
  it('flattens nested payload values to dotted paths', () => {
    expect(flattenLead(lead)).toContainEqual(['utm.utm_source', 'newsletter']);
    expect(flattenLead(lead)).toContainEqual(['consent.version', '2026-11']);
  });

  it('shows every submitted field, then UTM, then context, with the user agent last', () => {
    const custom = { ...lead, fields: { ...lead.fields, favouriteColour: 'teal' } };
    expect(leadColumns([lead, custom]).map((column) => column.header)).toEqual([
      'email',
      'firstName',
      'favouriteColour',
      'utm_source',
      'utm_campaign',
      'formId',
      'consent.given',
      'consent.version',
      'userAgent',
    ]);
  });
});
