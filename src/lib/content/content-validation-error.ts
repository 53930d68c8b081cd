import { formatContentIssue, type ContentIssue } from './content-issue.ts';

/**
 * Thrown when content cannot be published as it is. The message lists every problem, one per line,
 * so a marketer can fix them all in one pass.
 *
 * @example
 * throw new ContentValidationError([{ contentType: 'hero', entryId: 'h1', entryTitle: 'Home hero',
 *   field: 'heading', message: 'write a heading', locales: ['en-US'] }]);
 */
export class ContentValidationError extends Error {
  readonly issues: ContentIssue[];

  constructor(issues: ContentIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      [
        `The content has ${count} to fix before the site can be built:`,
        ...issues.map((issue) => `  - ${formatContentIssue(issue)}`),
      ].join('\n'),
    );
    this.name = 'ContentValidationError';
    this.issues = issues;
  }
}
