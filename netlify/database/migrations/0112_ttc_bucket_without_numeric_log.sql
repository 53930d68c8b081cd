-- Time to CRM bucket (0040's `ops_ttc_bucket`), the same answers without numeric `log`: each
-- delivered lead's bucket is computed in the ack's trigger, and `log(2, numeric)` was most of that
-- trigger's time (about 30 µs a lead, 1.6 of 2.2 ms for an ack of 50). Bucket b (1–20) holds
-- durations with 2^(b-1) < x ≤ 2^b for x = ms / 1000 (taken through numeric as before, so
-- rounded to 15 digits the same way), capped at 20: that is 20 minus the number of the powers
-- 2^0 … 2^19 at or above x, which `width_bucket` counts by binary search over the negated powers
-- (ascending). Every power of two is exact in double precision, so the comparisons are exact.
-- tests/integration/leads-update-trigger.test.ts checks it against 0040's formula, powers of two
-- and their neighbours included. Still IMMUTABLE, one expression: the planner inlines it.
CREATE OR REPLACE FUNCTION ops_ttc_bucket(ms double precision) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ms <= 1000 THEN 0
    ELSE (20 - width_bucket(-((ms / 1000.0)::numeric)::float8,
      '{-524288,-262144,-131072,-65536,-32768,-16384,-8192,-4096,-2048,-1024,-512,-256,-128,-64,-32,-16,-8,-4,-2,-1}'::float8[]))::smallint END
$$;
