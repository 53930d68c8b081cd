import { OpsReportQuerySchema, type OpsReportQuery } from '../../schemas/ops-report-query.ts';
import type { LaunchTicket } from '../../schemas/launch-forecast.ts';
import { outcomeCsv } from '../campaigns/outcome/outcome-csv.ts';
import { REPORT_BOOTSTRAP, REPORT_STYLE } from '../campaigns/outcome/html-report.ts';
import { outcomeHtml } from '../campaigns/outcome/outcome-html.ts';
import { outcomeReport } from '../campaigns/outcome/outcome-report.ts';
import { escapeHtml } from '../content/escape-html.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { opsResponses as answer } from './ops-responses.ts';
import { isOpsRequest } from './ops-session.ts';
import { signInPage } from './ops-page.ts';
import { reportIntro } from './report-links.ts';

/** What the report needs, passed in: the token, the clock, the rollups, the bundled tickets and Chart.js. */
export interface OpsReportDeps {
  token: string;
  now: () => number;
  db: SqlClient;
  /** The launch tickets this deploy was built from; undefined when it carries none. */
  tickets: () => Promise<LaunchTicket[] | undefined>;
  chartJs: () => Promise<string | undefined>;
}

const base = '/ops/report';
const assets: Record<string, [type: string, body: (deps: OpsReportDeps) => Promise<string | undefined>]> = {
  [`${base}/report.css`]: ['text/css', () => Promise.resolve(REPORT_STYLE)],
  [`${base}/report.js`]: ['text/javascript', () => Promise.resolve(REPORT_BOOTSTRAP)],
  [`${base}/chart.js`]: ['text/javascript', (deps) => deps.chartJs()],
};
type Format = 'html' | 'json' | 'csv';
const formats: Record<string, Format> = {
  [`${base}/`]: 'html',
  [`${base}.json`]: 'json',
  [`${base}.csv`]: 'csv',
};

/** The paths this handler answers (the ops function's `config.path` lists them). */
export const OPS_REPORT_PATHS = [...Object.keys(formats), ...Object.keys(assets)] as `/${string}`[];
export const isOpsReportPath = (pathname: string): boolean =>
  OPS_REPORT_PATHS.some((path) => path === pathname);

/**
 * `campaign:report` served live: the same modules (`outcomeReport`, `outcomeHtml`, `outcomeCsv`)
 * on the same rollups, behind the same access rules as /ops/. `?campaign=` (key or entry id),
 * `?from=`, `?to=` as the CLI's flags; without `campaign`, every ticket plus leads outside any.
 */
export async function handleOpsReport(request: Request, deps: OpsReportDeps): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
  const asset = assets[url.pathname];
  if (asset) {
    const body = await asset[1](deps);
    return body === undefined
      ? new Response('Not bundled with this deploy', { status: 404 })
      : new Response(body, { headers: { 'content-type': `${asset[0]}; charset=utf-8` } });
  }
  const format = formats[url.pathname] ?? 'html';
  if (!isOpsRequest(deps.token, request, deps.now()))
    return format === 'html'
      ? answer.html(signInPage(), 401)
      : refuse(format, 401, 'Sign in at /ops/ or send Authorization: Bearer <OPS_TOKEN>.');
  const parsed = OpsReportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(format, 400, `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`);
  }
  const tickets = await deps.tickets();
  if (!tickets) return refuse(format, 503, 'This deploy carries no launch tickets (build the site first).');
  const query = parsed.data;
  const chosen = query.campaign
    ? tickets.filter(({ key, id }) => key === query.campaign || id === query.campaign)
    : tickets;
  if (query.campaign && chosen.length === 0) {
    const known = tickets.map(({ key }) => key).join(', ') || 'none';
    return refuse(
      format,
      400,
      `campaign: no campaign "${query.campaign}" in this deploy (campaigns: ${known})`,
    );
  }
  return render(format, await report(deps, chosen, query), tickets, query);
}

function report(deps: OpsReportDeps, tickets: readonly LaunchTicket[], query: OpsReportQuery) {
  return outcomeReport(
    deps.db,
    tickets.map((campaign) => ({ campaign })),
    {
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
      now: deps.now(),
      includeUnclaimed: !query.campaign,
    },
  );
}

function render(
  format: Format,
  result: Awaited<ReturnType<typeof outcomeReport>>,
  tickets: readonly LaunchTicket[],
  query: OpsReportQuery,
): Response {
  if (format === 'json') return answer.json(result);
  if (format === 'csv') return csv(outcomeCsv(result.campaigns));
  const scripts = {
    chartJsSrc: `${base}/chart.js`,
    stylesheetHref: `${base}/report.css`,
    bootstrapSrc: `${base}/report.js`,
  };
  return answer.html(
    outcomeHtml(result.campaigns, Date.parse(result.generatedAt), scripts, reportIntro(tickets, query)),
  );
}

const csv = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="campaign-outcome.csv"',
      'x-robots-tag': 'noindex, nofollow',
    },
  });

function refuse(format: Format, status: number, error: string): Response {
  if (format === 'json') return answer.json({ error }, status);
  if (format === 'csv')
    return new Response(`${error}\n`, {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-robots-tag': 'noindex, nofollow' },
    });
  return answer.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Campaign outcome</title></head><body><p role="alert">${escapeHtml(error)}</p><p><a href="${base}/">Back to the report</a> · <a href="/ops/">Back to /ops/</a></p></body></html>`,
    status,
  );
}
