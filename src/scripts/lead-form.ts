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

/** UTM parameters and referrer of the visit's landing page. */
interface Visit {
  utm: Record<string, string>;
  referrer?: string;
}

/** UTM parameters and referrer of the visit's landing page, kept for the rest of the session. */
function landing(): Visit {
  try {
    const kept = sessionStorage.getItem(landingKey);
    if (kept) return JSON.parse(kept) as Visit;
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

/** The parts of one form the script works with, found once. */
interface FormParts {
  form: HTMLFormElement;
  messages: Messages;
  summary: HTMLElement;
  summaryList: HTMLUListElement;
  success: HTMLElement;
  button: HTMLButtonElement;
  buttonLabel: string | null;
}

/** What one form remembers between events: its submission key, when filling began, whether it is sending. */
interface FormState {
  idempotencyKey: string;
  keySent: boolean;
  startedAt: number | undefined;
  startedTick: number;
  busy: boolean;
}

/** What the endpoint answers: the lead's id and the confirmation page on success, field errors otherwise. */
interface Answer {
  errors?: FieldError[];
  message?: string;
  next?: string;
}

function partsOf(form: HTMLFormElement): FormParts {
  const summary = form.querySelector<HTMLElement>('[data-error-summary]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  return {
    form,
    messages: JSON.parse(form.dataset.messages ?? '{}') as Messages,
    summary,
    summaryList: summary.querySelector('ul')!,
    success: form.querySelector<HTMLElement>('[data-form-success]')!,
    button,
    buttonLabel: button.textContent,
  };
}

const controlOf = (form: HTMLFormElement, field: string) => form.elements.namedItem(field) as Control | null;
const wrapperOf = (form: HTMLFormElement, field: string) =>
  form.querySelector<HTMLElement>(`[data-field="${field}"]`);

/**
 * Step 1, while the visitor fills in: note when filling began (the spam check's fill time), and give
 * a submission whose key was already sent a new key once a field changes: the endpoint refuses a
 * known key with other fields (409).
 */
function trackFilling(form: HTMLFormElement, state: FormState): void {
  const start = () => {
    if (state.startedAt !== undefined) return;
    state.startedAt = Date.now();
    state.startedTick = performance.now();
  };
  form.addEventListener('focusin', start);
  form.addEventListener('input', start);
  form.addEventListener('input', () => {
    if (!state.keySent) return;
    state.idempotencyKey = uuid();
    state.keySent = false;
  });
}

/** The endpoint's message for what the browser found wrong, so both sides say the same thing. */
function messageFor(
  messages: Messages,
  field: string,
  kind: string | undefined,
  control: Control,
  tooLong: boolean,
): string {
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

/** Step 2, on submit: what the browser finds wrong, in the endpoint's words. */
function clientErrors({ form, messages }: FormParts): FieldError[] {
  const errors: FieldError[] = [];
  for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
    const field = wrapper.dataset.field!;
    const control = controlOf(form, field);
    if (!control) continue;
    // `maxlength` stops typing but not a value set by a script or an extension; count the same
    // UTF-16 units the endpoint counts (src/schemas/text-rules.ts).
    const maxLength = 'maxLength' in control ? control.maxLength : -1;
    const tooLong = maxLength >= 0 && control.value.length > maxLength;
    if (control.validity.valid && !tooLong) continue;
    errors.push({ field, message: messageFor(messages, field, wrapper.dataset.message, control, tooLong) });
  }
  return errors;
}

/** Errors beside their fields and in the summary, which takes focus; none hides the summary. */
function showErrors({ form, summary, summaryList }: FormParts, errors: FieldError[], general?: string): void {
  summaryList.replaceChildren();
  for (const wrapper of form.querySelectorAll<HTMLElement>('[data-field]')) {
    controlOf(form, wrapper.dataset.field!)?.removeAttribute('aria-invalid');
    const error = wrapper.querySelector<HTMLElement>('.field-error');
    if (error) error.hidden = true;
  }
  const items = general ? [{ field: '', message: general }, ...errors] : errors;
  for (const { field, message } of items) {
    const control = field ? controlOf(form, field) : null;
    const wrapper = field ? wrapperOf(form, field) : null;
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

function setBusy(parts: FormParts, state: FormState, value: boolean, label = parts.buttonLabel): void {
  state.busy = value;
  parts.button.setAttribute('aria-disabled', String(value));
  parts.button.textContent = label;
}

/** Step 3: the post as JSON, with the submission key, fill time and the visit's UTM parameters. */
function leadBody(form: HTMLFormElement, state: FormState, visit: Visit): string {
  // A multi-select posts its name once per choice: those become a list, as the endpoint reads them.
  const posted = new Map<string, FormDataEntryValue | FormDataEntryValue[]>();
  for (const [name, value] of new FormData(form)) {
    const earlier = posted.get(name);
    posted.set(name, earlier === undefined ? value : [earlier, value].flat());
  }
  const data: Record<string, unknown> = Object.fromEntries(posted);
  return JSON.stringify({
    ...data,
    consent: data.consent === 'yes',
    idempotencyKey: state.idempotencyKey,
    startedAt: state.startedAt,
    fillMs: state.startedAt === undefined ? 0 : Math.round(performance.now() - state.startedTick),
    utm: visit.utm,
    referrer: visit.referrer,
  });
}

/** Step 4: post, retrying after a 503 or a network failure with the same key; undefined if all failed. */
async function send(action: string, body: string): Promise<Response | undefined> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let retryAfter = 0;
    try {
      const response = await fetch(action, {
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

/**
 * Step 5, the answer: on success the form's confirmation page (where a post without JavaScript
 * lands too), or the thank-you in place of the form; otherwise the errors, and the form again.
 */
function showAnswer(
  parts: FormParts,
  state: FormState,
  response: Response | undefined,
  answer: Answer,
): void {
  if (response?.status === 202) {
    if (answer.next?.startsWith('/')) return location.assign(answer.next);
    parts.summary.hidden = true;
    for (const child of parts.form.children) (child as HTMLElement).hidden = child !== parts.success;
    parts.success.hidden = false;
    parts.success.focus();
    return;
  }
  setBusy(parts, state, false);
  if (!response) return showErrors(parts, [], parts.messages.unavailable);
  if (response.status === 429) {
    const seconds = response.headers.get('Retry-After') ?? '60';
    return showErrors(parts, [], parts.messages.tooMany.replace('{seconds}', seconds));
  }
  showErrors(parts, answer.errors ?? [], answer.errors?.length ? undefined : answer.message);
}

/** Take over one form's submit: check, post with retries, and show the answer. */
function enhance(form: HTMLFormElement, visit: Visit): void {
  const parts = partsOf(form);
  // One key per submission: every retry and every double click sends the same one.
  const state: FormState = {
    idempotencyKey: uuid(),
    keySent: false,
    startedAt: undefined,
    startedTick: 0,
    busy: false,
  };
  form.noValidate = true;
  trackFilling(form, state);
  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (state.busy) return;
    const errors = clientErrors(parts);
    if (errors.length) return showErrors(parts, errors);
    setBusy(parts, state, true, parts.messages.sending);
    state.keySent = true;
    const response = await send(form.action, leadBody(form, state, visit));
    const answer = (response ? await response.json().catch(() => ({})) : {}) as Answer;
    showAnswer(parts, state, response, answer);
  };
  form.addEventListener('submit', (event) => void onSubmit(event));
}

const forms = document.querySelectorAll<HTMLFormElement>('form[data-lead-form]');
if (forms.length) {
  const visit = landing();
  for (const form of forms) enhance(form, visit);
}
