import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import CustomField from '../../src/components/form/CustomField.astro';
import type { FormField } from '../../src/schemas/form-field.ts';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const field = (fieldId: string, fieldType: string, extra: Partial<FormField> = {}): FormField => ({
  type: 'formField',
  id: `entry-${fieldId}`,
  fieldId,
  fieldType,
  label: `Label of ${fieldId}`,
  required: false,
  ...extra,
});
const render = async (definition: FormField, locale = 'en-US') =>
  (
    await container.renderToString(CustomField as Parameters<AstroContainer['renderToString']>[0], {
      props: { formId: 'webinar', field: definition, locale },
    })
  ).replace(/ data-astro-source-[a-z]+="[^"]*"/g, '');
/** The attributes of the first element named `tag` with `name`. */
const controlOf = (html: string, tag: string) =>
  new RegExp(`<${tag}[^>]*name="[^"]+"[^>]*>`).exec(html)?.[0] ?? '';

describe('CustomField renders the browser constraints its rule enforces', () => {
  it('text, email, phone and long text carry the same maximum length the endpoint counts', async () => {
    expect(controlOf(await render(field('nickname', 'text', { maxLength: 40 })), 'input')).toMatch(
      /type="text"[^>]*maxlength="40"/,
    );
    expect(controlOf(await render(field('work_email', 'email')), 'input')).toMatch(
      /type="email"[^>]*inputmode="email"[^>]*maxlength="254"/,
    );
    expect(controlOf(await render(field('mobile', 'phone')), 'input')).toMatch(
      /type="tel"[^>]*inputmode="tel"[^>]*pattern="[^"]+"[^>]*maxlength="32"/,
    );
    expect(controlOf(await render(field('notes', 'longText', { maxLength: 800 })), 'textarea')).toMatch(
      /maxlength="800"/,
    );
  });

  it('a number has its min, max and whole steps', async () => {
    expect(controlOf(await render(field('seats', 'number', { min: 1, max: 500 })), 'input')).toMatch(
      /type="number"[^>]*step="1"[^>]*min="1"[^>]*max="500"/,
    );
  });

  it('a select offers the options under their labels in the page’s language, the value staying the option', async () => {
    const html = await render(
      field('role', 'select', {
        required: true,
        label: 'Ihre Rolle',
        help: 'Für die Fragerunde.',
        options: ['sales', 'product'],
        optionLabels: ['Vertrieb', 'Produkt'],
      }),
      'de-DE',
    );
    expect(controlOf(html, 'select')).toMatch(
      /required[^>]*aria-required="true"[^>]*aria-describedby="webinar-role-help webinar-role-error"/,
    );
    expect(html).toContain(
      '<option value="">Bitte wählen</option><option value="sales">Vertrieb</option><option value="product">Produkt</option>',
    );
    expect(html).toContain('<p class="field-help" id="webinar-role-help">Für die Fragerunde.</p>');
    expect(html).toMatch(/data-field="role" data-label="Ihre Rolle" data-message="choose"/);
  });

  it('a multi-select lets visitors pick several', async () => {
    expect(
      controlOf(await render(field('topics', 'multiSelect', { options: ['a', 'b'] })), 'select'),
    ).toMatch(/multiple[^>]*size="2"/);
  });

  it('checkbox and consent are a box the label follows', async () => {
    for (const type of ['checkbox', 'consent']) {
      const html = await render(field('agree', type, { required: type === 'consent' }));
      expect(controlOf(html, 'input')).toMatch(/type="checkbox" value="yes"/);
      expect(html).toMatch(/data-message="tick"/);
    }
  });

  it('a hidden field is one hidden input with its value, and nothing a visitor sees', async () => {
    expect((await render(field('source', 'hidden', { value: 'webinar' }))).trim()).toBe(
      '<input type="hidden" name="source" value="webinar">',
    );
  });
});
