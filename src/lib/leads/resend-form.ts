import { escapeHtml } from '../content/escape-html.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import { ui } from '../i18n/ui.ts';
import { leadFieldCatalog, leadFieldIds, type LeadFieldId } from '../../schemas/lead-fields.ts';
import type { FormFieldRule } from '../../schemas/form-field.ts';
import { utmKeys, type FormConfig } from '../../schemas/lead.ts';
import type { FieldError } from './field-errors.ts';

/** What the visitor posted and what was wrong with it, for the no-JS error page's form. */
export interface ResendForm {
  /** The post as read by the endpoint (urlencoded; `utm_*` nested under `utm`). */
  posted: Record<string, unknown>;
  /** The form's rules, when its id is known: which fields it shows and requires. */
  form: FormConfig | undefined;
  errors: readonly FieldError[];
  /** The consent label as the form shows it (text and privacy link), from the build's template. */
  consentLabelHtml: string | undefined;
}

// Posted values the visitor never sees on the form: carried along unchanged in hidden inputs.
const carried = new Set(['formId', 'pageSlug', 'locale', 'consentVersion', 'referrer', 'idempotencyKey']);
const isCatalogField = (name: string): name is LeadFieldId => leadFieldIds.some((id) => id === name);
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const attr = (name: string, value: string | undefined) =>
  value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`;

/**
 * The form again, with every value the visitor typed, each problem next to its field, and the
 * consent box as they left it, so a visitor without JavaScript fixes one field and sends it again.
 * Fields defined in Contentful come with their own labels and options; fields the form config does
 * not know at all are kept as plain text inputs.
 */
export function renderResendForm(resend: ResendForm, locale: LocaleCode): string {
  const { posted, form, errors } = resend;
  const strings = ui[locale];
  // Fields defined in Contentful are shown with their own label, type and options, posted or not.
  const custom = new Map(
    (form?.customFields ?? []).filter((rule) => rule.type !== 'hidden').map((rule) => [rule.id, rule]),
  );
  const shown = [
    ...(form?.fields ?? leadFieldIds.filter((id) => id in posted)),
    ...custom.keys(),
    ...Object.keys(posted).filter(
      (name) =>
        !isCatalogField(name) &&
        !custom.has(name) &&
        !carried.has(name) &&
        !['consent', 'website', 'utm'].includes(name),
    ),
  ];
  const errorOf = (name: string) => errors.find((error) => error.field === name)?.message;
  const fields = shown.map((name) =>
    fieldHtml(
      name,
      text(posted[name]),
      (form?.requiredFields.some((id) => id === name) ?? false) || (custom.get(name)?.required ?? false),
      errorOf(name),
      locale,
      custom.get(name),
    ),
  );
  const utm = (posted.utm ?? {}) as Record<string, unknown>;
  const hidden = [
    ...[...carried].map((name) => [name, text(posted[name])] as const),
    ...utmKeys.map((name) => [name, text(utm[name])] as const),
  ].filter(([, value]) => value !== '');
  const consentError = errorOf('consent');
  return `<form class="lead-form" method="post" action="/api/leads">
${hidden.map(([name, value]) => `<input type="hidden"${attr('name', name)}${attr('value', value)}>`).join('\n')}
<div class="form-grid">
${fields.join('\n')}
</div>
<div class="field field-consent">
<div class="consent"><input class="checkbox" type="checkbox" id="resend-consent" name="consent" value="yes" required aria-required="true"${posted.consent ? ' checked' : ''}${consentError ? ' aria-invalid="true"' : ''} aria-describedby="resend-consent-error">
<label class="consent-label" for="resend-consent">${resend.consentLabelHtml ?? escapeHtml(strings.consentLabel)} <span class="field-marker is-required">${escapeHtml(strings.required)}</span></label></div>
<p class="field-error" id="resend-consent-error"${consentError ? '' : ' hidden'}>${escapeHtml(consentError ?? '')}</p>
</div>
<button class="button button-primary button-lg button-block" type="submit">${escapeHtml(strings.resend)}</button>
</form>`;
}

/** A custom field as the catalog describes its presets: the input it needs. */
function inputOf(rule: FormFieldRule) {
  if (rule.type === 'select' && rule.options) return { type: 'select', options: rule.options } as const;
  if (rule.type === 'longText') return { type: 'textarea', maxlength: rule.maxLength } as const;
  const type = rule.type === 'number' ? 'number' : rule.type === 'email' ? 'email' : 'text';
  return rule.maxLength ? ({ type, maxlength: rule.maxLength } as const) : ({ type } as const);
}

function fieldHtml(
  name: string,
  value: string,
  required: boolean,
  error: string | undefined,
  locale: LocaleCode,
  rule?: FormFieldRule,
) {
  const strings = ui[locale];
  const input = rule ? inputOf(rule) : isCatalogField(name) ? leadFieldCatalog[name].input : undefined;
  const type = input?.type ?? 'text';
  const id = `resend-${name}`;
  const common = `class="control" id="${escapeHtml(id)}"${attr('name', name)}${attr('autocomplete', input && 'autocomplete' in input ? input.autocomplete : undefined)}${required ? ' required aria-required="true"' : ''}${error ? ' aria-invalid="true"' : ''} aria-describedby="${escapeHtml(id)}-error"`;
  const maxlength =
    input && 'maxlength' in input && input.maxlength ? attr('maxlength', String(input.maxlength)) : '';
  const control =
    type === 'select'
      ? `<select ${common}><option value="">${escapeHtml(strings.chooseOne)}</option>${(input &&
        'options' in input
          ? (input.options ?? [])
          : []
        )
          .map(
            (option) =>
              `<option${attr('value', option)}${option === value ? ' selected' : ''}>${escapeHtml(option)}</option>`,
          )
          .join('')}</select>`
      : type === 'textarea'
        ? `<textarea ${common} rows="5"${maxlength}>${escapeHtml(value)}</textarea>`
        : `<input ${common}${attr('type', type)}${maxlength}${attr('value', value)}>`;
  const label = rule
    ? (rule.labels[locale] ?? name)
    : isCatalogField(name)
      ? strings.fieldLabels[name]
      : name;
  return `<div class="field field-${type}"><label class="field-label" for="${escapeHtml(id)}"><span class="field-label-text">${escapeHtml(label)}</span> <span class="field-marker${required ? ' is-required' : ''}">${escapeHtml(required ? strings.required : strings.optional)}</span></label>
${control}
<p class="field-error" id="${escapeHtml(id)}-error"${error ? '' : ' hidden'}>${escapeHtml(error ?? '')}</p></div>`;
}
