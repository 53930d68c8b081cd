import type { MappedSite } from '../../content/map-space.ts';
import { formConfigsFrom } from '../../leads/form-configs.ts';
import type { Readiness } from '../readiness.ts';
import { newDataFields } from './new-data-fields.ts';
import { launchReviewMessage } from './review-message.ts';

/** Each assessed campaign's review message, with the new data fields its forms collect. */
export function launchReviews(
  site: Pick<MappedSite, 'pages' | 'campaigns'>,
  readinesses: readonly Readiness[],
  reportUrl?: string,
) {
  const forms = formConfigsFrom(site.pages);
  return readinesses.map((readiness) => {
    const mapped = site.campaigns.find(({ campaign }) => campaign.id === readiness.campaign.id);
    const newFields = mapped ? newDataFields(mapped, forms) : { fields: [], undeclared: [] };
    return {
      campaign: readiness.campaign,
      verdict: readiness.verdict,
      newFields,
      message: launchReviewMessage({ readiness, newFields, ...(reportUrl ? { reportUrl } : {}) }),
    };
  });
}
