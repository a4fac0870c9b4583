-- Compares strata's output (`strata_out`, every let of rfm_quintiles.strata as a column) with
-- `expected` (population.sql), customer by customer and value by value. strata's decimals are read
-- back into integer cents or millionths; the standard deviation is compared within 0.000002.
-- Leaves `disagreements`, one row per customer and differing value.

DROP TABLE IF EXISTS got;
CREATE TABLE got AS
SELECT id,
       CASE WHEN recency = '' THEN NULL ELSE CAST(recency AS INTEGER) END AS recency,
       CAST(frequency AS INTEGER) AS frequency,
       CAST(ROUND(monetary * 100) AS INTEGER) AS monetary,
       CASE WHEN R = '' THEN NULL ELSE CAST(R AS INTEGER) END AS R,
       CAST(F AS INTEGER) AS F, CAST(M AS INTEGER) AS M,
       CASE WHEN share = '' THEN NULL ELSE CAST(ROUND(share * 1000000) AS INTEGER) END AS share,
       CAST(spend_rank AS INTEGER) AS spend_rank,
       CAST(ROUND(spend_percent_rank * 1000000) AS INTEGER) AS spend_percent_rank,
       CAST(ROUND(typical_spend * 1000000) AS INTEGER) AS median_m,
       CAST(ROUND(p90_spend * 1000000) AS INTEGER) AS p90_m,
       CAST(spend_spread AS REAL) AS sd_m,
       CAST(promoters AS INTEGER) AS promoters, CAST(customers AS INTEGER) AS customers,
       rfm, pareto
FROM strata_out;

DROP TABLE IF EXISTS disagreements;
CREATE TABLE disagreements (id TEXT, what TEXT, sql TEXT, strata TEXT);
INSERT INTO disagreements
SELECT e.id, 'missing from strata output', NULL, NULL
FROM expected e LEFT JOIN got g ON g.id = e.id WHERE g.id IS NULL;
INSERT INTO disagreements
SELECT e.id, 'recency', e.recency, g.recency FROM expected e JOIN got g ON g.id = e.id
 WHERE e.recency IS NOT g.recency
UNION ALL
SELECT e.id, 'frequency', e.frequency, g.frequency FROM expected e JOIN got g ON g.id = e.id
 WHERE e.frequency IS NOT g.frequency
UNION ALL
SELECT e.id, 'monetary', e.monetary, g.monetary FROM expected e JOIN got g ON g.id = e.id
 WHERE e.monetary IS NOT g.monetary
UNION ALL
SELECT e.id, 'R', e.R, g.R FROM expected e JOIN got g ON g.id = e.id
 WHERE e.R IS NOT g.R
UNION ALL
SELECT e.id, 'F', e.F, g.F FROM expected e JOIN got g ON g.id = e.id
 WHERE e.F IS NOT g.F
UNION ALL
SELECT e.id, 'M', e.M, g.M FROM expected e JOIN got g ON g.id = e.id
 WHERE e.M IS NOT g.M
UNION ALL
SELECT e.id, 'share', e.share, g.share FROM expected e JOIN got g ON g.id = e.id
 WHERE e.share IS NOT g.share
UNION ALL
SELECT e.id, 'spend_rank', e.spend_rank, g.spend_rank FROM expected e JOIN got g ON g.id = e.id
 WHERE e.spend_rank IS NOT g.spend_rank
UNION ALL
SELECT e.id, 'spend_percent_rank', e.spend_percent_rank, g.spend_percent_rank FROM expected e JOIN got g ON g.id = e.id
 WHERE e.spend_percent_rank IS NOT g.spend_percent_rank
UNION ALL
SELECT e.id, 'median_m', e.median_m, g.median_m FROM expected e JOIN got g ON g.id = e.id
 WHERE e.median_m IS NOT g.median_m
UNION ALL
SELECT e.id, 'p90_m', e.p90_m, g.p90_m FROM expected e JOIN got g ON g.id = e.id
 WHERE e.p90_m IS NOT g.p90_m
UNION ALL
SELECT e.id, 'promoters', e.promoters, g.promoters FROM expected e JOIN got g ON g.id = e.id
 WHERE e.promoters IS NOT g.promoters
UNION ALL
SELECT e.id, 'customers', e.customers, g.customers FROM expected e JOIN got g ON g.id = e.id
 WHERE e.customers IS NOT g.customers
UNION ALL
SELECT e.id, 'rfm', e.rfm, g.rfm FROM expected e JOIN got g ON g.id = e.id
 WHERE e.rfm IS NOT g.rfm
UNION ALL
SELECT e.id, 'pareto', e.pareto, g.pareto FROM expected e JOIN got g ON g.id = e.id
 WHERE e.pareto IS NOT g.pareto
UNION ALL
SELECT e.id, 'stddev', e.sd_m, g.sd_m FROM expected e JOIN got g ON g.id = e.id
 WHERE g.sd_m IS NULL OR abs(e.sd_m - g.sd_m) > 0.000002;

SELECT 'first disagreements:' WHERE EXISTS (SELECT 1 FROM disagreements);
SELECT id, what, sql, strata FROM disagreements LIMIT 10;
