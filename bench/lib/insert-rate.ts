import pg from 'pg';

/**
 * The database's own single-row insert rate into `leads` (what `pgbench` with a one-INSERT script
 * measures, in Node so it runs on the embedded emulation too): `clients` connections each insert
 * one queued lead per statement, back to back, for `seconds` (unnamed statements: the emulation is
 * one session, where named ones from several connections would collide). The intake is judged
 * against this. Rows are removed afterwards (TRUNCATE: benchmark databases only).
 */
export async function measureInsertRate(url: string, options: { clients: number; seconds: number }) {
  const clients = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const payload = JSON.stringify({
    formId: 'demo-request',
    fields: { email: 'insert-rate@example.com', firstName: 'Bench', company: 'Load Test Ltd' },
  });
  let rows = 0;
  const started = performance.now();
  const stopAt = started + options.seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client, index) => {
        for (let n = 0; performance.now() < stopAt; n += 1) {
          const at = new Date();
          await client.query({
            text: `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload)
                   VALUES ($1, $2, 'bench', 'queued', $3, $3, $4::jsonb)`,
            values: [`insert-rate-${index}-${n}`, `insert-rate-key-${index}-${n}`, at, payload],
          });
          rows += 1;
        }
      }),
    );
    const rowsPerSecond = rows / ((performance.now() - started) / 1000);
    // TRUNCATE also resets the counts, which the run with the count triggers off left behind.
    await clients[0]?.query('TRUNCATE leads CASCADE');
    return { clients: options.clients, rows, rowsPerSecond: Math.round(rowsPerSecond) };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** Run `work` with the per-state count triggers on `leads` switched off (a benchmark's own database). */
export async function withoutCountTriggers<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ALTER TABLE leads DISABLE TRIGGER leads_count_inserts');
    return await work();
  } finally {
    await client.query('ALTER TABLE leads ENABLE TRIGGER leads_count_inserts');
    await client.end();
  }
}
