/**
 * Progressive enhancement for lead forms. Without it the form still posts and the endpoint answers
 * with a redirect or an error page; with it the visitor gets inline errors, a retry that survives a
 * flaky network or a busy store without making a second lead, and an announced success.
 */
import type { FieldError } from '../lib/leads/field-errors.ts';
import type { LeadMessages } from '../schemas/lead-messages.ts';

/** What the form's `data-messages` holds (see LeadForm.astro): the endpoint's texts and the script's own. */
type Messages = LeadMessages & { sending: string; unavailable: string; tooMany: string };

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Attempts for one submission: the first try plus retries after 503s or network failures. */
const maxAttempts = 4;
// The keys of `UtmSchema` (src/schemas/lead.ts); importing them would bundle zod into this script.
const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];
const landingKey = 'floodgate:landing';

/** UTM parameters and referrer of the visit's landing page, kept for the rest of the session. */
function landing(): { utm: Record<string, string>; referrer?: string } {
  try {
    const kept = sessionStorage.getItem(landingKey);
    if (kept) return JSON.parse(kept) as ReturnType<typeof landing>;
  } catch {
    // Storage can be disabled; then this page's own URL is the best we have.
  }
  const params = new URLSearchParams(location.search);
  const utm: Record<string, string> = {};
  for (const key of utmKeys) {
    const value = params.get(key);
    if (value) utm[key] = value.slice(0, 200);
  }
  const external = document.referrer && new URL(document.referrer).origin !== location.origin;
  const found = { utm, referrer: external ? document.referrer : undefined };
  try {
    sessionStorage.setItem(landingKey, JSON.stringify(found));
  } catch {
    // As above: not remembering is fine.
  }
  return found;
}

const uuid = () =>
  crypto.randomUUID?.() ??
  // Older Safari: a v4 UUID from getRandomValues.
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+c / 4)))).toString(16),
  );

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function enhance(form: HTMLFormElement, visit: ReturnType<typeof landing>) {
  const messages = JSON.parse(form.dataset.messages ?? '{}') as Messages;
  const summary = form.querySelector<HTMLElement>('[data-error-summary]')!;
  const summaryList = summary.querySelector('ul')!;
  const success = form.querySelector<HTMLElement>('[data-form-success]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const buttonLabel = button.textContent;
  // One key per submission: every retry and every double click sends the same one. Once it has been
  // sent, a changed field makes it a different submission, with a key of its own (the endpoint
  // refuses a known key with other fields: 409).
  let idempotencyKey = uuid();
  let keySent = false;
  let startedAt: number | undefined;
  let startedTick = 0;
  let busy = false;

  form.noValidate = true;
  const start = () => {
    if (startedAt !== undefined) return;
    startedAt = Date.now();
    startedTick = performance.now();
  };
  form.addEventListener('focusin', start);
  form.addEventListener('input', start);
  form.addEventListener('input', () => {
    if (!keySent) return;
    idempotencyKey = uuid();
    keySent = false;
  });

  const controlOf = (field: string) => form.elements.namedItem(field) as Control | null;
  const wrapperOf = (field: string) => form.querySelector<HTMLElement>(`[data-field="${field}"]`);

  /** The endpoint's message for what the browser found wrong, so both sides say the same thing. */
  function messageFor(field: string, kind: string | undefined, control: Control, tooLong: boolean): string {
    const { validity } = control;
    const fill = (template: string, name: string, value: string) => template.replace(`{${name}}`, value);
    if (validity.valueMissing) {
      if (field === 'consent') return messages.consent;
      return kind === 'tick' || kind === 'choose' ? messages[kind] : messages.missing;
    }
    if (validity.tooLong || tooLong)
      return fill(messages.tooLong, 'max', String((control as HTMLInputElement).maxLength));
    if (validity.rangeUnderflow) return fill(messages.tooSmall, 'min', (control as HTMLInputElement).min);
    if (validity.rangeOverflow) return fill(messages.tooLarge, 'max', (control as HTMLInputElement).max);
    const named = messages[(kind ?? field) as keyof Messages];
    return named ?? messages.missing;
  }

  function clientErrors(): FieldError[] {
    const errors: FieldError[] = [];
    for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
      const field = wrapper.dataset.field!;
      const control = controlOf(field);
      if (!control) continue;
      // `maxlength` stops typing but not a value set by a script or an extension; count the same
      // UTF-16 units the endpoint counts (src/schemas/text-rules.ts).
      const maxLength = 'maxLength' in control ? control.maxLength : -1;
      const tooLong = maxLength >= 0 && control.value.length > maxLength;
      if (control.validity.valid && !tooLong) continue;
      errors.push({ field, message: messageFor(field, wrapper.dataset.message, control, tooLong) });
    }
    return errors;
  }

  function showErrors(errors: FieldError[], general?: string) {
    summaryList.replaceChildren();
    for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
      const control = controlOf(wrapper.dataset.field!);
      const error = wrapper.querySelector<HTMLElement>('.field-error');
      control?.removeAttribute('aria-invalid');
      if (error) error.hidden = true;
    }
    const items = general ? [{ field: '', message: general }, ...errors] : errors;
    for (const { field, message } of items) {
      const control = field ? controlOf(field) : null;
      const wrapper = field ? wrapperOf(field) : null;
      const item = document.createElement('li');
      if (control && wrapper) {
        control.setAttribute('aria-invalid', 'true');
        const inline = wrapper.querySelector<HTMLElement>('.field-error')!;
        inline.textContent = message;
        inline.hidden = false;
        const link = document.createElement('a');
        link.href = `#${control.id}`;
        link.textContent = `${wrapper.dataset.label}: ${message}`;
        item.append(link);
      } else {
        item.textContent = message;
      }
      summaryList.append(item);
    }
    summary.hidden = items.length === 0;
    if (items.length) summary.focus();
  }

  function setBusy(value: boolean, label = buttonLabel) {
    busy = value;
    button.setAttribute('aria-disabled', String(value));
    button.textContent = label;
  }

  async function send(body: string): Promise<Response | undefined> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let retryAfter = 0;
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body,
        });
        if (response.status !== 503) return response;
        const answer = (await response
          .clone()
          .json()
          .catch(() => ({}))) as { error?: unknown };
        if (answer.error === 'form_closed') return response;
        retryAfter = Number(response.headers.get('Retry-After')) || 0;
      } catch {
        // Offline or the connection dropped: retry like a 503, with the same key.
      }
      if (attempt < maxAttempts) {
        // Exponential backoff with jitter, at least what the server asked for, at most 8 s.
        const backoff = Math.min(8000, 500 * 2 ** attempt * (0.5 + Math.random() / 2));
        await sleep(Math.min(8000, Math.max(backoff, retryAfter * 1000)));
      }
    }
    return undefined;
  }

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = clientErrors();
    if (errors.length) return showErrors(errors);
    setBusy(true, messages.sending);
    keySent = true;
    // A multi-select posts its name once per choice: those become a list, as the endpoint reads them.
    const posted = new Map<string, FormDataEntryValue | FormDataEntryValue[]>();
    for (const [name, value] of new FormData(form)) {
      const earlier = posted.get(name);
      posted.set(name, earlier === undefined ? value : [earlier, value].flat());
    }
    const data: Record<string, unknown> = Object.fromEntries(posted);
    Object.assign(data, {
      consent: data.consent === 'yes',
      idempotencyKey,
      startedAt,
      fillMs: startedAt === undefined ? 0 : Math.round(performance.now() - startedTick),
      utm: visit.utm,
      referrer: visit.referrer,
    });
    const response = await send(JSON.stringify(data));
    const answer = (response ? await response.json().catch(() => ({})) : {}) as {
      errors?: FieldError[];
      message?: string;
    };
    if (response?.status === 202) {
      summary.hidden = true;
      for (const child of form.children) (child as HTMLElement).hidden = child !== success;
      success.hidden = false;
      success.focus();
      return;
    }
    setBusy(false);
    if (!response) return showErrors([], messages.unavailable);
    if (response.status === 429) {
      const seconds = response.headers.get('Retry-After') ?? '60';
      return showErrors([], messages.tooMany.replace('{seconds}', seconds));
    }
    showErrors(answer.errors ?? [], answer.errors?.length ? undefined : answer.message);
  };
  form.addEventListener('submit', (event) => void onSubmit(event));
}

const forms = document.querySelectorAll<HTMLFormElement>('form[data-lead-form]');
if (forms.length) {
  const visit = landing();
  for (const form of forms) enhance(form, visit);
}
