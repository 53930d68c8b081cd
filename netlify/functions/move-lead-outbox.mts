/**
 * Every minute: import leads the intake wrote to the fallback outbox (Netlify Blobs) while the
 * database was away, once it answers again (src/lib/outbox/move-outbox.ts). It looks at the outbox
 * first and touches the database only when there is something to move, so an idle Netlify
 * Database still suspends. The background drainer runs the same mover before it drains.
 */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { moveOutbox } from '../../src/lib/outbox/move-outbox.ts';
import { netlifyLeadOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { outboxErasureScreen } from '../../src/lib/privacy/outbox-screen.ts';
import { privacyHashSecret, PrivacyEnvSchema } from '../../src/schemas/privacy-env.ts';

const purpose = 'the outbox mover (netlify/functions/move-lead-outbox.mts)';

export default secureHandler(
  configuredHandler(purpose, () => {
    const outbox = netlifyLeadOutbox();
    const databaseEnv = parseEnv(DatabaseEnvSchema, process.env, purpose);
    const secret = privacyHashSecret(parseEnv(PrivacyEnvSchema, process.env, purpose));
    let db: ReturnType<typeof connectDatabase> | undefined;
    let queue: ReturnType<typeof createPostgresLeadQueue> | undefined;
    return async () => {
      try {
        if ((await outbox.keys()).length === 0) return Response.json({ moved: 0, left: 0 });
        // Connected only when there is something to move.
        db ??= connectDatabase(databaseEnv, { max: 1 });
        queue ??= createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
        const erasureOf = outboxErasureScreen({ db, secret });
        return Response.json(await moveOutbox({ outbox, queue, log: console.log, erasureOf }));
      } catch (error) {
        // The outbox is unreachable (no Blobs here): the next run tries again. Class only, no text.
        console.error(`outbox: not moved (${error instanceof Error ? error.name : 'error'})`);
        return Response.json({ error: 'unavailable' }, { status: 503 });
      }
    };
  }),
);

export const config: Config = { schedule: '* * * * *' };
