import { defaultLaneShares, leadLanes, type LaneShares } from '../../schemas/delivery-lanes.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { claimFairSql } from './lane-sql.ts';
import { leadIdFor, leadKeyFor } from './lead-id.ts';
import type { EnqueueResult, LeadQueue, QueuedLead, QueueStatus, RedriveTarget } from './lead-queue.ts';
import { claimedLeadOf, deadLetterOf, spamLeadOf, type LeadRow } from './lead-row.ts';
import * as sql from './lead-sql.ts';
import { randomToken } from './random-token.ts';

/** Dependencies of the Postgres lead queue: the database and the clock every time is taken from. */
export interface PostgresLeadQueueOptions {
  db: SqlClient;
  now: () => number;
  random: () => number;
  /** Each lane's guaranteed share of the pace, in percent (`LEADS_LANE_SHARES`; default 70/25/5). */
  laneShares?: LaneShares;
  /**
   * Set by the lead function when it may start the background drainer: each queued lead then
   * reserves the drainer lease for this long, in the enqueue's own statement, if none is live.
   */
  reserveDrainerForMs?: number;
}

const at = (ms: number) => new Date(ms);
const targetId = (target: RedriveTarget) => (target === 'all' ? null : target.id);
const listLimit = 1_000;
/** A repeat racing its first enqueue sees it on the second round; a third is a bug, not a race. */
const enqueueRounds = 3;

interface EnqueueRow {
  id: string;
  fingerprint: string;
  inserted: boolean;
  drainer_reserved: boolean;
}

function enqueueResultOf(stored: EnqueueRow, fingerprint: string): EnqueueResult {
  if (stored.inserted) {
    return stored.drainer_reserved
      ? { id: stored.id, outcome: 'created', drainerReserved: true }
      : { id: stored.id, outcome: 'created' };
  }
  return { id: stored.id, outcome: stored.fingerprint === fingerprint ? 'duplicate' : 'conflict' };
}

/** The lead queue on Postgres (Netlify Database, or any PostgreSQL ≥ 15): one statement per operation. */
export function createPostgresLeadQueue(options: PostgresLeadQueueOptions): LeadQueue {
  const { db, now, random } = options;
  const shares = leadLanes.map((lane) => (options.laneShares ?? defaultLaneShares)[lane]);
  const settle = async (text: string, params: unknown[]) => void (await db.query(text, params));
  const moveBack = async (text: string, target: RedriveTarget) => {
    const wanted = targetId(target);
    const { rows } = await db.query<{ id: string }>(text, [wanted, at(now())]);
    const moved = rows.map((row) => row.id).sort();
    return { redriven: moved, notFound: wanted !== null && moved.length === 0 ? [wanted] : [] };
  };
  const purge = async (state: string, before: number, limit: number) =>
    (await db.query(sql.purgeSettledSql, [state, at(before), limit])).rows.length;

  return {
    async enqueue(lead, spam) {
      const id = leadIdFor(lead.receivedAt, leadKeyFor(lead.idempotencyKey));
      const state = spam ? 'spam' : lead.needsConfirmation ? 'unconfirmed' : 'queued';
      const reserveUntil =
        options.reserveDrainerForMs === undefined ? null : at(lead.receivedAt + options.reserveDrainerForMs);
      const params = [
        ...[id, lead.idempotencyKey, lead.fingerprint, state, at(lead.receivedAt)],
        ...[JSON.stringify(lead.payload), spamMark(spam, lead), reserveUntil],
        ...[lead.flow?.lane ?? 'normal', lead.flow?.group ?? '', lead.flow?.formId ?? ''],
        ...[
          lead.flow?.weight ?? null,
          lead.flow?.weight === undefined ? null : (lead.flow.maxPerSecond ?? null),
        ],
        lead.wantsReceipt === true,
      ];
      // One round trip; a second only when a racing enqueue of this key committed mid-statement.
      for (let round = 0; round < enqueueRounds; round += 1) {
        const [stored] = (await db.query<EnqueueRow>(sql.enqueueSql, params)).rows;
        if (stored) return enqueueResultOf(stored, lead.fingerprint);
      }
      throw new Error('enqueue returned no row');
    },
    async claim(limit, leaseMs) {
      const time = now();
      const token = randomToken(random);
      const { rows } = await db.query<LeadRow>(claimFairSql, [
        ...[at(time), at(time + leaseMs), limit, token],
        ...[leadLanes, shares],
      ]);
      // RETURNING follows no order: within what the shares chose, oldest first.
      return rows.map(claimedLeadOf).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    ack: (lead) => settle(sql.ackSql, [lead.id, lead.leaseToken, at(now())]),
    async ackMany(leads) {
      if (leads.length === 0) return;
      const ids = leads.map((lead) => lead.id);
      await settle(sql.ackManySql, [ids, leads.map((lead) => lead.leaseToken), at(now())]);
    },
    nack: (lead, attempt, retryAt) =>
      settle(sql.nackSql, [lead.id, lead.leaseToken, at(retryAt), JSON.stringify([attempt])]),
    deadLetter: (lead, attempt, reason) =>
      settle(sql.deadLetterSql, [lead.id, lead.leaseToken, JSON.stringify([attempt]), reason, at(now())]),
    release: (lead, dueAt) => settle(sql.releaseSql, [lead.id, lead.leaseToken, at(dueAt)]),
    redrive: (target) => moveBack(sql.redriveSql, target),
    releaseSpam: (target) => moveBack(sql.releaseSpamSql, target),
    purgeDelivered: (before, limit) => purge('done', before, limit),
    purgeSpam: (before, limit) => purge('spam', before, limit),
    async status(time): Promise<QueueStatus> {
      const { rows } = await db.query<StatusRow>(sql.statusSql, [at(time)]);
      const row = rows[0];
      if (!row) throw new Error('status returned no row');
      const inFlight = row.in_flight;
      return {
        depth: row.depth,
        waiting: row.depth - row.not_due,
        // Queued and not yet due: either leased (in flight) or waiting out a retry's backoff.
        retrying: row.not_due - inFlight,
        inFlight,
        oldestAgeMs: row.oldest ? Math.max(0, time - row.oldest.getTime()) : undefined,
        deadLetters: row.dead,
        spam: row.spam,
        ...(row.unconfirmed > 0 ? { unconfirmed: row.unconfirmed } : {}),
        lastDeliveredAt: row.last_delivered?.getTime(),
      };
    },
    async depth() {
      return (await db.query<{ depth: number }>(sql.depthSql)).rows[0]?.depth ?? 0;
    },
    async oldestAgeMs(time) {
      const oldest = (await db.query<{ oldest: Date | null }>(sql.oldestSql)).rows[0]?.oldest;
      return oldest ? Math.max(0, time - oldest.getTime()) : undefined;
    },
    async deadLetters(limit = listLimit) {
      return (await db.query<LeadRow>(sql.listSettledSql, ['dead', limit])).rows.map(deadLetterOf);
    },
    async spamLeads(limit = listLimit) {
      return (await db.query<LeadRow>(sql.listSettledSql, ['spam', limit])).rows.map(spamLeadOf);
    },
  };
}

interface StatusRow {
  depth: number;
  not_due: number;
  in_flight: number;
  oldest: Date | null;
  dead: number;
  spam: number;
  unconfirmed: number;
  last_delivered: Date | null;
}

/**
 * The spam verdict as stored; a lead that needs confirmation or gets a receipt says so, so its
 * release writes its mail jobs (lead-sql.ts, `releaseSpamSql`).
 */
function spamMark(
  spam: object | undefined,
  lead: Pick<QueuedLead, 'needsConfirmation' | 'wantsReceipt'>,
): string | null {
  if (!spam) return null;
  return JSON.stringify({
    ...spam,
    ...(lead.needsConfirmation ? { needsConfirmation: true } : {}),
    ...(lead.wantsReceipt ? { receipt: true } : {}),
  });
}
