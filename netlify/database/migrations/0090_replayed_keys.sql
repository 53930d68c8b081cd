-- Duplicates in the campaign report (issue 19, item 4): a client retry with an Idempotency-Key
-- already stored (same fields) is answered from the stored lead and inserts nothing, so no trigger
-- on `leads` sees it. The intake's one statement (src/lib/queue/lead-sql.ts, `enqueueSql`, its
-- `replayed` CTE) adds it here itself: no extra statement or round trip, and for a new lead the CTE
-- selects nothing and writes nothing. Counted at the minute of the retry, under the form and
-- campaign of the retried payload (the stored one may be purged already). No PII: a count.
-- Adding a column with a constant default rewrites no rows (PostgreSQL 11+).
ALTER TABLE ops_minute ADD COLUMN replayed integer NOT NULL DEFAULT 0;
