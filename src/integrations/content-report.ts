import { appendFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { formatContentReport, type ContentReport } from '../lib/content/content-report.ts';

/** The prerendered route the report is computed in (`src/pages/content-report.json.ts`). */
const builtReport = 'content-report.json';
/** The prerendered redirects (`src/pages/netlify-redirects.txt.ts`), appended to `_redirects`. */
const builtRedirects = 'netlify-redirects.txt';
/** Where it ends up in the build output, beside nothing a visitor links to. */
export const contentReportPath = '.floodgate/content-report.json';

/**
 * Appends the site's redirects to Netlify's `_redirects`, and prints the content report as the build's last words, where a marketer reading the deploy log
 * finds it, and keeps it in the build output for the ops pages. Problems never fail the build:
 * broken entries were already left out or replaced by their last good version.
 */
export function contentReport(): AstroIntegration {
  return {
    name: 'floodgate:content-report',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const built = new URL(builtReport, dir);
        const report = JSON.parse(await readFile(built, 'utf8')) as ContentReport;
        await mkdir(new URL('.floodgate/', dir), { recursive: true });
        await rename(built, new URL(contentReportPath, dir));
        const redirects = new URL(builtRedirects, dir);
        await appendFile(new URL('_redirects', dir), await readFile(redirects, 'utf8'));
        await rm(redirects);
        const errors = report.problems.some((problem) => problem.severity !== 'warning');
        for (const line of formatContentReport(report)) logger[errors ? 'warn' : 'info'](line);
      },
    },
  };
}
