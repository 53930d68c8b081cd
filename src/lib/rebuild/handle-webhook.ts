import { randomBytes } from 'node:crypto';
import {
  WebhookEntityPayloadSchema,
  WebhookIdempotencyKeySchema,
  WebhookTopicSchema,
} from '../../schemas/webhook.ts';
import { readCappedBody } from '../http/read-capped-body.ts';
import type { JoinedWindow, RebuildStore, RecordOutcome } from './rebuild-store.ts';
import type { RebuildTiming } from './rebuild-timing.ts';
import { classifyContentType, classifyTopic } from './topic-filter.ts';
import { verifyContentfulWebhook } from './verify-webhook.ts';
import { rebuildEvent } from './webhook-event.ts';

/** Everything the webhook endpoint depends on, passed in so tests need no mocks. */
export interface WebhookDeps {
  secret: string;
  maxAgeMs: number;
  timing: RebuildTiming;
  store: RebuildStore;
  now: () => number;
  newId: () => string;
  /** Content type ids the site renders (`src/schemas/content-types.ts`). */
  siteContentTypes: ReadonlySet<string>;
  /** Called when this event opened a window, to start a closer that waits it out. */
  onWindowOpened?: (window: JoinedWindow) => Promise<void>;
  logError?: (message: string) => void;
}

/** Contentful's payloads are a few kilobytes; an entry with long rich text stays well under this. */
const MAX_BODY_BYTES = 1_000_000;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
const ignored = (reason: string) =>
  new Response(null, {
    status: 204,
    headers: { 'x-floodgate-ignored': reason, 'cache-control': 'no-store' },
  });

/**
 * POST /api/contentful-webhook: size, then signature (nothing else is looked at for an unsigned
 * caller), then keep only events that change the site, with every field Contentful sends checked
 * to Contentful's own limits,
 * record the event in the open window (one statement; a replayed signed request is recorded once)
 * and answer 202 with that window. Never throws; a database failure is a 503, which Contentful retries.
 */
export async function handleContentfulWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const receivedAt = deps.now();
  const checked = await verifiedBody(request, {
    secret: deps.secret,
    maxAgeMs: deps.maxAgeMs,
    now: receivedAt,
  });
  if (!checked.ok) return checked.response;
  const { body } = checked;

  const topic = WebhookTopicSchema.safeParse(request.headers.get('x-contentful-topic') ?? undefined);
  if (!topic.success) {
    const message = topic.error.issues[0]?.message ?? 'X-Contentful-Topic is invalid';
    return json(400, { error: 'invalid_topic', field: 'x-contentful-topic', message });
  }
  const relevantTopic = classifyTopic(topic.data);
  if (!relevantTopic.relevant) return ignored(relevantTopic.reason);

  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(body);
  } catch {
    return json(400, { error: 'invalid_payload', field: 'body', message: 'The body is not JSON.' });
  }
  const payload = WebhookEntityPayloadSchema.safeParse(parsedBody);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    return json(400, {
      error: 'invalid_payload',
      field,
      message: issue?.message ?? 'The payload is invalid.',
    });
  }
  const keyHeader = request.headers.get('x-contentful-idempotency-key') ?? undefined;
  const idempotencyKey = WebhookIdempotencyKeySchema.optional().safeParse(keyHeader);
  if (!idempotencyKey.success) {
    const message = idempotencyKey.error.issues[0]?.message ?? 'X-Contentful-Idempotency-Key is invalid';
    return json(400, { error: 'invalid_idempotency_key', field: 'x-contentful-idempotency-key', message });
  }
  const relevantType = classifyContentType(relevantTopic.entityType, payload.data, deps.siteContentTypes);
  if (!relevantType.relevant) return ignored(relevantType.reason);

  const event = rebuildEvent({
    id: deps.newId(),
    receivedAt,
    topic: topic.data.topic,
    entityType: relevantTopic.entityType,
    action: relevantTopic.action,
    contentType: relevantType.contentType,
    payload: payload.data,
    idempotencyKey: idempotencyKey.data,
  });
  let recorded: RecordOutcome;
  try {
    const signature = request.headers.get('x-contentful-signature') ?? '';
    recorded = await deps.store.recordEvent(event, signature, { id: deps.newId(), ms: deps.timing.windowMs });
  } catch (error) {
    (deps.logError ?? console.error)(`rebuild: could not record webhook event: ${String(error)}`);
    return json(
      503,
      { error: 'store_unavailable', message: 'The event could not be stored; retry.' },
      { 'retry-after': '5' },
    );
  }
  if (recorded.kind === 'replayed') {
    // 200, not 401: Contentful retries a webhook on any non-2xx answer (or none), so a retry of a
    // request we stored but whose answer was lost must end the retries, not count as a failure.
    return json(200, { accepted: true, replayed: true, message: 'This signed request was recorded before.' });
  }
  if (recorded.window.opened) await startCloser(deps, recorded.window);
  return json(202, { accepted: true, eventId: event.id, window: recorded.window });
}

/**
 * Method, size, then signature, in that order and before anything else: the raw body when the
 * request is Contentful's, signed with `secret` within `maxAgeMs`, otherwise the refusal.
 */
async function verifiedBody(
  request: Request,
  options: { secret: string; maxAgeMs: number; now: number },
): Promise<{ ok: true; body: string } | { ok: false; response: Response }> {
  const refuse = (response: Response) => ({ ok: false as const, response });
  if (request.method !== 'POST') {
    return refuse(json(405, { error: 'method_not_allowed', message: 'Use POST.' }, { allow: 'POST' }));
  }
  const tooLarge = () =>
    refuse(
      json(413, { error: 'payload_too_large', message: `The body must be under ${MAX_BODY_BYTES} bytes.` }),
    );
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return tooLarge();
  // Read at most the limit, before any signature work: a huge body is refused having cost 1 MB.
  const read = await readCappedBody(request.body, MAX_BODY_BYTES);
  if (!read.ok && read.reason === 'too-large') return tooLarge();
  if (!read.ok)
    return refuse(json(400, { error: 'unreadable_body', field: 'body', message: 'The body ended early.' }));
  const body = Buffer.from(read.bytes).toString('utf8');
  const verified = verifyContentfulWebhook(request, body, options);
  if (!verified.ok) {
    return refuse(
      json(401, {
        error: 'unauthorized',
        field: verified.field,
        message: `${verified.field} ${verified.message}`,
      }),
    );
  }
  return { ok: true, body };
}

/**
 * The answer of a webhook that has no secret to verify with: exactly what a configured webhook
 * answers a caller who does not hold its secret (checked against a random one), so an unsigned
 * caller cannot tell a configured webhook from an unconfigured one.
 */
export async function refuseUnverifiable(request: Request): Promise<Response> {
  const secret = randomBytes(32).toString('hex');
  const checked = await verifiedBody(request, { secret, maxAgeMs: 60_000, now: Date.now() });
  return checked.ok
    ? json(401, {
        error: 'unauthorized',
        field: 'x-contentful-signature',
        message: 'x-contentful-signature does not match',
      })
    : checked.response;
}

/** Start a closer for a window this event opened. Best effort: the scheduled closer finds it anyway. */
async function startCloser(deps: WebhookDeps, window: JoinedWindow): Promise<void> {
  try {
    await deps.onWindowOpened?.(window);
  } catch (error) {
    (deps.logError ?? console.error)(`rebuild: event stored, closer not started: ${String(error)}`);
  }
}
