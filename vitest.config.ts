/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// getViteConfig lets tests render .astro components with the container API.
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 20_000,
    // Starting a database (PGlite's WASM, a PostgreSQL) takes seconds on a busy 2-core machine.
    hookTimeout: 60_000,
    // One real PostgreSQL server for the run: concurrency is proven there (PGlite is one session).
    // Before any build, the lead function's bundled form rules are written from content/.
    globalSetup: ['tests/setup/real-postgres.ts', 'tests/setup/form-rules.ts', 'tests/setup/ops-bundle.ts'],
  },
});
