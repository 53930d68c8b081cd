/**
 * Accepted per minute since $1 for each campaign in $2 (a JSON array of `{ key, forms }`): a lead
 * counts for a campaign by its campaign/utm_campaign or by one of the ticket's forms. Reads
 * `ops_minute` (migration 0040) by its leading `minute` key; one statement for every campaign.
 */
export const campaignActualSql = `
SELECT c.key, m.minute, sum(m.accepted)::int AS accepted
FROM jsonb_to_recordset($2::jsonb) AS c(key text, forms text[])
JOIN ops_minute m ON m.minute >= $1 AND (m.campaign = c.key OR m.form_id = ANY (c.forms))
GROUP BY c.key, m.minute ORDER BY m.minute`;
