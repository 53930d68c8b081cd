import type { SpaceExport } from '../../schemas/space-export.ts';
import type { MappedCampaign } from '../campaigns/map-campaigns.ts';
import type { ContentIssue } from './content-issue.ts';
import type { ContentProblem, ContentReport, ProblemSeverity } from './content-report.ts';
import { reachableFrom } from './entry-links.ts';
import { localizedValue } from './localize.ts';
import type { LeftOutItem } from './entry-resolver.ts';
import type { LocalizedPage } from './localized-page.ts';
import { alternatesOf, entryIdsOfType } from './site-structure.ts';
import type { SpaceIndex } from './space-index.ts';

export interface ReportInput {
  index: SpaceIndex;
  space: SpaceExport;
  /** The pages built. */
  pages: readonly LocalizedPage[];
  issues: readonly ContentIssue[];
  warnings: readonly ContentIssue[];
  readiness: readonly ContentIssue[];
  campaigns: readonly MappedCampaign[];
  leftOut: readonly LeftOutItem[];
  /** Entries built from their last good version. */
  restored: ReadonlySet<string>;
}

/** Every problem once, named by its own entry, with the pages it touches and what shows instead. */
export function buildContentReport(input: ReportInput): ContentReport {
  const roots = rootsOf(input);
  const problem = (severity: ProblemSeverity, issue: ContentIssue, instead: string): ContentProblem => ({
    severity,
    contentType: issue.contentType,
    entryId: issue.entryId,
    entryName: issue.entryTitle,
    field: issue.field,
    locales: issue.locales,
    message: issue.message,
    pages: severity === 'readiness' ? [] : affectedPages(roots, issue),
    instead,
  });
  return {
    problems: [
      ...input.issues.map((issue) => problem('error', issue, insteadOf(input, issue))),
      // A campaign's own problems are readiness findings, said once below.
      ...input.warnings
        .filter((issue) => issue.contentType !== 'campaign')
        .map((issue) => problem('warning', issue, 'the rest of the entry, without what this leaves out')),
      ...input.readiness.map((issue) =>
        problem(
          'readiness',
          issue,
          'no page changes; the campaign is missing from the readiness report until this is fixed',
        ),
      ),
      ...campaignTargets(input),
    ],
  };
}

interface Root {
  id: string;
  everyPage: boolean;
  reach: Set<string>;
  paths: Map<string, string>;
}

/** Pages and the site settings, each with the entries it is built from and its address per locale. */
function rootsOf({ index, space }: ReportInput): Root[] {
  const page = (id: string): Root => ({
    id,
    everyPage: false,
    reach: reachableFrom(index, id),
    paths: new Map(alternatesOf(index, space, id).map((alternate) => [alternate.locale, alternate.path])),
  });
  const settings = entryIdsOfType(index, 'siteSettings').map((id) => ({
    id,
    everyPage: true,
    reach: reachableFrom(index, id),
    paths: new Map<string, string>(),
  }));
  return [...settings, ...entryIdsOfType(index, 'landingPage').map(page)];
}

function affectedPages(roots: readonly Root[], issue: ContentIssue): string[] {
  const using = roots.filter((root) => root.reach.has(issue.entryId));
  if (using.some((root) => root.everyPage)) return ['*'];
  return using.flatMap((root) =>
    issue.locales.flatMap((locale) => {
      const path = root.paths.get(locale);
      return path === undefined ? [] : [path];
    }),
  );
}

function insteadOf(input: ReportInput, issue: ContentIssue): string {
  if (input.restored.has(issue.entryId))
    return 'the last good version of this entry, from an earlier publish';
  const name = (id: string) => {
    const entry = input.index.entries.get(id);
    const type = entry?.sys.contentType.sys.id ?? 'entry';
    const displayField = input.index.contentTypes.get(type)?.displayField;
    const title = displayField ? localizedValue(entry?.fields[displayField], input.index.defaultChain) : id;
    return `${type} "${typeof title === 'string' ? title : id}"`;
  };
  const built = new Set(input.pages.map((page) => `${page.page.id} ${page.locale}`));
  const pageGone = (id: string) => issue.locales.some((locale) => !built.has(`${id} ${locale}`));
  const type = input.index.entries.get(issue.entryId)?.sys.contentType.sys.id;
  if (type === 'landingPage' && pageGone(issue.entryId))
    return 'nothing: the page is not published in these locales (visitors get the 404 page), and links to it are left out';
  const leftOut = input.leftOut.filter((item) => reachableFrom(input.index, item.entryId).has(issue.entryId));
  const parts = [
    ...new Set(
      leftOut.map((item) => `${name(item.entryId)} is left out of ${name(item.parentId)} (${item.field})`),
    ),
  ];
  const gonePages = entryIdsOfType(input.index, 'landingPage').filter(
    (id) => id === issue.rootId && pageGone(id),
  );
  parts.push(...gonePages.map((id) => `${name(id)} is not published (visitors get the 404 page)`));
  return parts.length > 0 ? parts.join('; ') : 'the rest of the page, without this entry';
}

/** Campaign target pages visitors could not open: findings for the launch, not build errors. */
function campaignTargets(input: ReportInput): ContentProblem[] {
  const built = new Set(input.pages.map((page) => `${page.page.id} ${page.locale}`));
  return input.campaigns.flatMap(({ campaign, unpublishedTargetPageIds }) => {
    const base = {
      severity: 'readiness' as const,
      contentType: 'campaign',
      entryId: campaign.id,
      entryName: campaign.name,
      field: 'targetPages',
      pages: [],
      instead: 'no page changes; visitors the campaign sends there would get the 404 page',
    };
    const missing = unpublishedTargetPageIds.map((id) => ({
      ...base,
      locales: [],
      message: `target page ${id} is missing or not published; publish it or remove it from the campaign`,
    }));
    const unbuilt = campaign.targetPages.flatMap((target) => {
      const absent = input.space.locales
        .map((locale) => locale.code)
        .filter((locale) => !built.has(`${target.id} ${locale}`));
      return absent.length === 0
        ? []
        : [
            {
              ...base,
              locales: absent,
              message: `target page "${target.title}" (${target.id}) is not built`,
            },
          ];
    });
    return [...missing, ...unbuilt];
  });
}
