import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import LeadForm from '../../src/components/blocks/LeadForm.astro';
import CustomField from '../../src/components/form/CustomField.astro';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { LeadFormSchema } from '../../src/schemas/blocks/lead-form.ts';
import { contentModel } from '../../src/schemas/content-model.ts';
import { FormFieldSchema } from '../../src/schemas/form-field.ts';
import { fixtureSpace } from '../fixtures/space.ts';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = async (component: unknown, props: Record<string, unknown>) =>
  container.renderToString(component as Parameters<AstroContainer['renderToString']>[0], { props });
const leadForm = () =>
  mapSpace(fixtureSpace())
    .pages.flatMap(({ page }) => page.sections)
    .find((block) => block.type === 'leadForm')!;
/** Every checkbox of the markup, as its opening tag. */
const checkboxes = (html: string) =>
  [...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)].map(([tag]) => tag);

// Consent must be given by the visitor's own click (GDPR Art. 4(11), CJEU Planet49): nothing in
// content may tick the box for them.
describe('the consent checkbox is never ticked in advance', () => {
  it('has no content field that could tick it: the lead form’s only yes/no field is the double opt-in switch', () => {
    const type = contentModel.find((candidate) => candidate.sys.id === 'leadForm');
    expect(type?.fields.filter((field) => field.type === 'Boolean').map((field) => field.id)).toEqual([
      'needsConfirmation',
    ]);
  });

  it('drops anything an entry adds to tick it, and the old hand-written version', () => {
    const form = {
      ...leadForm(),
      checked: true,
      consentChecked: true,
      consentDefault: 'yes',
      consentVersion: '2026-11',
    };
    const parsed = LeadFormSchema.parse(form);
    for (const key of ['checked', 'consentChecked', 'consentDefault', 'consentVersion'])
      expect(Object.keys(parsed)).not.toContain(key);
  });

  it('renders unticked in both locales, whatever the block carries', async () => {
    const block = { ...leadForm(), checked: true, consentChecked: true, needsConfirmation: true };
    for (const locale of ['en-US', 'de-DE']) {
      const html = await render(LeadForm, { block, locale, position: 1, pageSlug: 'offer' });
      const consent = checkboxes(html).filter((tag) => tag.includes('name="consent"'));
      expect(consent).toHaveLength(1);
      expect(consent[0]).not.toMatch(/\schecked/);
    }
  });

  it('renders a consent or checkbox field defined in content unticked too', async () => {
    for (const fieldType of ['consent', 'checkbox']) {
      const definition = FormFieldSchema.parse({
        type: 'formField',
        id: `entry-${fieldType}`,
        fieldId: `extra_${fieldType}`,
        fieldType,
        label: 'I also agree',
        required: true,
        checked: true,
      });
      const html = await render(CustomField, { formId: 'webinar', field: definition, locale: 'de-DE' });
      expect(checkboxes(html)).toHaveLength(1);
      expect(checkboxes(html)[0]).not.toMatch(/\schecked/);
    }
  });
});
