import { DONE_BUCKET_MS } from './queue-keys.ts';
import type { QueueBlobs } from './queue-blobs.ts';

const parallelReads = 20;

/**
 * Delete delivered lead records acknowledged before `before`, oldest hour first, at most `limit`.
 * The `done` index only points: a record is deleted only if it is still delivered and was settled
 * before the cutoff (a lead re-queued or delivered again since keeps its record).
 */
export async function purgeDelivered(blobs: QueueBlobs, before: number, limit: number): Promise<number> {
  let purged = 0;
  for (const hourStart of await blobs.listDoneBuckets()) {
    if (hourStart >= before || purged >= limit) break;
    const expired = (await blobs.listDone(hourStart)).filter((done) => done.at < before);
    // Whole buckets are older than the cutoff except the last one, whose later entries stay.
    const batch = expired.slice(0, limit - purged);
    for (let start = 0; start < batch.length; start += parallelReads) {
      const results = await Promise.all(
        batch.slice(start, start + parallelReads).map(async (done) => {
          const record = await blobs.readLead(done.leadKey);
          const expiredRecord = record?.state === 'done' && (record.settledAt ?? 0) < before;
          if (expiredRecord) await blobs.removeLead(done.leadKey);
          await blobs.removeDone(done);
          return expiredRecord ? 1 : 0;
        }),
      );
      purged += results.reduce<number>((sum, count) => sum + count, 0);
    }
    if (hourStart + DONE_BUCKET_MS > before) break;
  }
  return purged;
}
