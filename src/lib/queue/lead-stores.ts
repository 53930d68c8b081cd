/**
 * Where leads live in Netlify Blobs. The lead function, the delivery worker and every ops script
 * import these names, so they can never disagree about which store or queue they mean.
 */

/** The Blobs store (one per site) holding the lead queue and the spam queue. */
export const LEAD_STORE_NAME = 'floodgate-leads';

/** Key prefix of the queue the delivery worker drains into the CRM. */
export const LEAD_QUEUE_NAME = 'leads';

/** Key prefix of the queue for submissions the spam checks caught: kept, never delivered. */
export const SPAM_QUEUE_NAME = 'spam';
