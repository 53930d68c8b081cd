import { WebhookEntityPayloadSchema, WebhookTopicSchema } from '../../schemas/webhook.ts';
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
 * POST /api/contentful-webhook: verify the signature, keep only events that change the site,
 * record the event in the open window (one statement; a replayed signed request is recorded once)
 * and answer 202 with that window. Never throws; a database failure is a 503, which Contentful retries.
 */
export async function handleContentfulWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  if (request.method !== 'POST') {
    return json(405, { error: 'method_not_allowed', message: 'Use POST.' }, { allow: 'POST' });
  }
  const tooLarge = () =>
    json(413, { error: 'payload_too_large', message: `The body must be under ${MAX_BODY_BYTES} bytes.` });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return tooLarge();
  // Read at most the limit, before any signature work: a huge body is refused having cost 1 MB.
  const read = await readCappedBody(request.body, MAX_BODY_BYTES);
  if (!read.ok && read.reason === 'too-large') return tooLarge();
  if (!read.ok)
    return json(400, { error: 'unreadable_body', field: 'body', message: 'The body ended early.' });
  const body = Buffer.from(read.bytes).toString('utf8');
  const receivedAt = deps.now();
  const verified = verifyContentfulWebhook(request, body, {
    secret: deps.secret,
    maxAgeMs: deps.maxAgeMs,
    now: receivedAt,
  });
  if (!verified.ok) {
    return json(401, {
      error: 'unauthorized',
      field: verified.field,
      message: `${verified.field} ${verified.message}`,
    });
  }

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
    idempotencyKey: request.headers.get('x-contentful-idempotency-key') ?? undefined,
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
    return json(200, { accepted: true, replayed: true, message: 'This signed request was recorded before.' });
  }
  if (recorded.window.opened) await startCloser(deps, recorded.window);
  return json(202, { accepted: true, eventId: event.id, window: recorded.window });
}

/** Start a closer for a window this event opened. Best effort: the scheduled closer finds it anyway. */
async function startCloser(deps: WebhookDeps, window: JoinedWindow): Promise<void> {
  try {
    await deps.onWindowOpened?.(window);
  } catch (error) {
    (deps.logError ?? console.error)(`rebuild: event stored, closer not started: ${String(error)}`);
  }
}
