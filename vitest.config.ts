/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// getViteConfig lets tests render .astro components with the container API.
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 20_000,
    // The lead function bundles the build's form rules; before any build, write them from content/.
    globalSetup: ['tests/setup/form-rules.ts'],
  },
});
