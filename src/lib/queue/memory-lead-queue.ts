import { leadKeyFor } from './lead-id.ts';
import type { ClaimedLead, DeadLetter, LeadQueue } from './lead-queue.ts';
import {
  claimedLead,
  claimRecord,
  closeRecord,
  deadLetterOf,
  holdsLease,
  nackRecord,
  newLeadRecord,
  redrivenRecord,
  releaseRecord,
  type LeadRecord,
} from './lead-record.ts';
import { randomToken } from './random-token.ts';

/** Dependencies of the in-memory queue. */
export interface MemoryLeadQueueOptions {
  now: () => number;
  random: () => number;
  /** Injected store fault: while it returns an error, every call rejects with it (the 503 path). */
  fault?: () => Error | undefined;
}

const byDue = (a: LeadRecord, b: LeadRecord) =>
  a.dueAt - b.dueAt || a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A `LeadQueue` in one process's memory: the reference semantics, and the queue other modules' tests use. */
export function createMemoryLeadQueue({ now, random, fault }: MemoryLeadQueueOptions): LeadQueue {
  const records = new Map<string, LeadRecord>();
  // One letter per lead key: giving up again after a redrive replaces the old letter.
  const dead = new Map<string, DeadLetter>();
  const check = () => {
    const error = fault?.();
    if (error) throw error;
  };
  const queued = () => [...records.values()].filter((record) => record.state === 'queued');
  const settle = (lead: ClaimedLead, change: (record: LeadRecord) => LeadRecord) => {
    check();
    const key = leadKeyFor(lead.idempotencyKey);
    const record = records.get(key);
    // A stale token means another worker claimed the lead since: its claim is the one that counts.
    if (record && holdsLease(record, lead.leaseToken)) records.set(key, change(record));
  };
  const redriveOne = (key: string, letter: DeadLetter) => {
    if (records.get(key)?.state === 'dead' || !records.has(key)) {
      records.set(key, redrivenRecord(letter, now(), randomToken(random)));
    }
    dead.delete(key);
    return letter.id;
  };
  return {
    async enqueue(lead) {
      check();
      const key = leadKeyFor(lead.idempotencyKey);
      const existing = records.get(key);
      if (existing) return { id: existing.id, duplicate: true };
      const record = newLeadRecord(lead, key, now(), randomToken(random));
      records.set(key, record);
      return { id: record.id, duplicate: false };
    },
    async claim(limit, leaseMs) {
      check();
      const at = now();
      const due = queued()
        .filter((record) => record.dueAt <= at)
        .sort(byDue)
        .slice(0, Math.max(0, limit));
      return due.map((record) => {
        const lease = { token: randomToken(random), expiresAt: at + leaseMs };
        const next = claimRecord(record, lease.token, lease.expiresAt);
        records.set(leadKeyFor(record.idempotencyKey), next);
        return claimedLead(next, lease);
      });
    },
    async ack(lead) {
      settle(lead, (record) => closeRecord(record, 'done', now()));
    },
    async nack(lead, attempt, retryAt) {
      settle(lead, (record) => nackRecord(record, attempt, retryAt));
    },
    async deadLetter(lead, attempt, reason) {
      settle(lead, (record) => {
        dead.set(leadKeyFor(record.idempotencyKey), deadLetterOf(record, attempt, reason, now()));
        return closeRecord(record, 'dead', now());
      });
    },
    async release(lead, dueAt) {
      settle(lead, (record) => releaseRecord(record, dueAt));
    },
    async redrive(target) {
      check();
      const chosen = [...dead].filter(([, letter]) => target === 'all' || letter.id === target.id);
      const redriven = chosen.map(([key, letter]) => redriveOne(key, letter)).sort();
      return { redriven, notFound: target !== 'all' && chosen.length === 0 ? [target.id] : [] };
    },
    async purgeDelivered(before, limit) {
      check();
      const expired = [...records]
        .filter(([, record]) => record.state === 'done' && (record.settledAt ?? 0) < before)
        .slice(0, Math.max(0, limit));
      for (const [key] of expired) records.delete(key);
      return expired.length;
    },
    async status(at) {
      check();
      const live = queued();
      const delivered = [...records.values()].filter((record) => record.state === 'done');
      const oldest = live.reduce((min, record) => Math.min(min, record.receivedAt), Infinity);
      const lastDeliveredAt = delivered.reduce((max, record) => Math.max(max, record.settledAt ?? 0), 0);
      return {
        depth: live.length,
        waiting: live.filter((record) => record.dueAt <= at).length,
        retrying: live.filter((record) => record.dueAt > at && !record.lease).length,
        inFlight: live.filter((record) => record.dueAt > at && record.lease).length,
        oldestAgeMs: oldest === Infinity ? undefined : at - oldest,
        deadLetters: dead.size,
        lastDeliveredAt: delivered.length > 0 ? lastDeliveredAt : undefined,
      };
    },
    async depth() {
      check();
      return queued().length;
    },
    async oldestAgeMs(at) {
      check();
      const oldest = queued().reduce((min, record) => Math.min(min, record.receivedAt), Infinity);
      return oldest === Infinity ? undefined : at - oldest;
    },
    async deadLetters() {
      check();
      return [...dead.values()].sort((a, b) => a.deadAt - b.deadAt);
    },
  };
}
