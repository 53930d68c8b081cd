import { STARTING_HOLDER } from '../delivery/delivery-states.ts';

/**
 * The click on a confirmation link, in ONE statement: an unconfirmed lead ($1) becomes `queued` in
 * its lane (its lane, group and form were stored at intake), due at once ($2 now, also recorded as
 * `confirmed_at`), and like a new lead it reserves the drainer lease until $3 if none is live. The
 * rest reads the row as it was before the statement, so a repeated click (already confirmed) and an
 * unknown or purged lead are told apart without a second round trip. The lead's receipt job, if its
 * form has one, waited for this click and is now due (`receipted`): the receipt never goes first.
 */
export const confirmLeadSql = `
WITH confirmed AS (
  UPDATE leads SET state = 'queued', due_at = $2, confirmed_at = $2, settled_at = NULL
  WHERE id = $1 AND state = 'unconfirmed'
  RETURNING id),
receipted AS (
  UPDATE lead_mails SET state = 'pending', due_at = $2
  WHERE lead_id IN (SELECT id FROM confirmed) AND kind = 'receipt' AND state = 'waiting'),
reserved AS (
  UPDATE delivery_drainer SET holder = '${STARTING_HOLDER}', expires_at = $3
  WHERE $3::timestamptz IS NOT NULL AND expires_at <= $2 AND EXISTS (SELECT 1 FROM confirmed)
  RETURNING expires_at)
SELECT EXISTS (SELECT 1 FROM confirmed) AS confirmed,
  EXISTS (SELECT 1 FROM reserved) AS drainer_reserved,
  (SELECT confirmed_at IS NOT NULL FROM leads WHERE id = $1) AS confirmed_before`;

/** Forget up to $2 unconfirmed leads received before $1 (their mail jobs go with them). */
export const purgeUnconfirmedSql = `
DELETE FROM leads WHERE id IN (
  SELECT id FROM leads WHERE state = 'unconfirmed' AND settled_at < $1 ORDER BY settled_at LIMIT $2)
RETURNING id`;
