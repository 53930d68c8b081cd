import type { SqlClient } from '../../src/lib/db/sql-client.ts';

/** What one submission got back, over all its sends (a retry resends the same idempotency key). */
export interface SubmissionResult {
  idempotencyKey: string;
  email: string;
  /** Every lead id the endpoint answered with; more than one means the retry made a second lead. */
  ids: string[];
}

/** A stored lead, as much of it as the audit reads. */
export interface StoredLead {
  id: string;
  idempotencyKey: string;
  state: 'queued' | 'done' | 'dead' | 'spam';
  payload: Record<string, unknown>;
}

/** A lead the CRM has, as much of it as the audit reads. */
export interface DeliveredLead {
  id: string;
  email: string | undefined;
}

/** Where the audit looks: the lead queue, the spam queue, and (when it can see it) the CRM. */
export interface AuditSources {
  readLead(idempotencyKey: string): Promise<StoredLead | undefined>;
  readSpam(idempotencyKey: string): Promise<StoredLead | undefined>;
  /** Everything the CRM received, or undefined when the CRM cannot be read (a deployed site's). */
  delivered: DeliveredLead[] | undefined;
}

/** The audit's reads of the lead queue: a submission's lead by its idempotency key, as a lead or as spam. */
export function storedLeadReaders(db: SqlClient): Pick<AuditSources, 'readLead' | 'readSpam'> {
  const read = async (idempotencyKey: string): Promise<StoredLead | undefined> => {
    const { rows } = await db.query<{ id: string; state: StoredLead['state']; payload: unknown }>(
      'SELECT id, state, payload FROM leads WHERE idempotency_key = $1',
      [idempotencyKey],
    );
    const row = rows[0];
    if (!row) return undefined;
    const payload = (row.payload ?? {}) as Record<string, unknown>;
    return { id: row.id, idempotencyKey, state: row.state, payload };
  };
  return {
    readLead: async (key) => {
      const lead = await read(key);
      return lead?.state === 'spam' ? undefined : lead;
    },
    readSpam: async (key) => {
      const lead = await read(key);
      return lead?.state === 'spam' ? lead : undefined;
    },
  };
}

/** Where every accepted lead ended up. `lost` and `duplicates` must be 0. */
export interface LeadAudit {
  accepted: number;
  /** Still waiting in the lead queue. */
  inQueue: number;
  /** In the CRM (or marked delivered in the queue when the CRM cannot be read). */
  delivered: number;
  /** Given up on by the worker: kept as dead letters, not lost, but not in the CRM either. */
  dead: number;
  /** Filed as spam: a real visitor's lead the checks misjudged. */
  spam: number;
  lost: number;
  duplicates: number;
  /** A few idempotency keys of lost or duplicated leads, to look up. */
  examples: string[];
}

const emailOf = (payload: Record<string, unknown>) => {
  const fields = payload.fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, unknown>).email : undefined;
};

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(task))));
  }
  return results;
}

/**
 * Check every accepted submission against the stores: found by its idempotency key, in exactly
 * one place, under exactly one lead id. A duplicate is a submission that got two ids, or whose
 * email (unique per submission) appears under two lead ids in the queue or the CRM.
 */
export async function auditLeads(
  results: readonly SubmissionResult[],
  sources: AuditSources,
): Promise<LeadAudit> {
  const deliveredByEmail = new Map<string, Set<string>>();
  for (const lead of sources.delivered ?? []) {
    if (!lead.email) continue;
    deliveredByEmail.set(lead.email, (deliveredByEmail.get(lead.email) ?? new Set()).add(lead.id));
  }
  const audit: LeadAudit = {
    accepted: 0,
    inQueue: 0,
    delivered: 0,
    dead: 0,
    spam: 0,
    lost: 0,
    duplicates: 0,
    examples: [],
  };
  const accepted = results.filter((result) => result.ids.length > 0);
  const checked = await inBatches(accepted, 32, async (result) => {
    const record = await sources.readLead(result.idempotencyKey);
    const spam = record ? undefined : await sources.readSpam(result.idempotencyKey);
    return { result, record, spam };
  });
  for (const { result, record, spam } of checked) {
    audit.accepted += 1;
    const ids = new Set(result.ids);
    if (record) ids.add(record.id);
    for (const id of deliveredByEmail.get(result.email) ?? []) ids.add(id);
    const storedEmail = record?.state === 'queued' ? emailOf(record.payload) : undefined;
    const inCrm = deliveredByEmail.has(result.email);
    if (ids.size > 1 || (storedEmail !== undefined && storedEmail !== result.email)) {
      audit.duplicates += 1;
      audit.examples.push(`duplicate ${result.idempotencyKey}`);
    }
    if (spam) audit.spam += 1;
    else if (inCrm || record?.state === 'done') audit.delivered += 1;
    else if (record?.state === 'queued') audit.inQueue += 1;
    else if (record?.state === 'dead') audit.dead += 1;
    else {
      audit.lost += 1;
      audit.examples.push(`lost ${result.idempotencyKey}`);
    }
  }
  audit.examples = audit.examples.slice(0, 10);
  return audit;
}
