-- Compares strata's answers with the SQL model, customer by customer.
--
-- Needs `expected` and `measures` (retail_tiers.sql) and `strata_out`, the imported output of
-- `strata run ... --out out.csv`: the key column `id` and one column per tiering, read by name
-- because the column order follows the order in which the rule files were loaded.
-- Leaves `disagreements` (one row per customer whose answers differ, or who is missing from or
-- duplicated in strata's output) for the caller to count.

DROP TABLE IF EXISTS strata_dupes;
CREATE TABLE strata_dupes AS
SELECT id, count(*) AS n FROM strata_out GROUP BY id HAVING count(*) > 1;

DROP TABLE IF EXISTS disagreements;
CREATE TABLE disagreements AS
SELECT e.id,
       CASE WHEN s.id IS NULL THEN 'missing from strata output' ELSE 'different tier' END AS problem,
       e.rfm AS sql_rfm,             s.rfm AS strata_rfm,
       e.pyramid AS sql_pyramid,     s.pyramid AS strata_pyramid,
       e.lifecycle AS sql_lifecycle, s.lifecycle AS strata_lifecycle,
       m.order_count, m.recency, m.frequency,
       printf('%d.%02d', m.monetary / 100, m.monetary % 100) AS monetary,
       m.tenure_days
FROM expected e
JOIN measures m ON m.id = e.id
LEFT JOIN strata_out s ON s.id = e.id
WHERE s.id IS NULL
   OR s.rfm IS NOT e.rfm
   OR s.pyramid IS NOT e.pyramid
   OR s.lifecycle IS NOT e.lifecycle
UNION ALL
SELECT s.id, 'not a customer in the input', NULL, s.rfm, NULL, s.pyramid, NULL, s.lifecycle,
       NULL, NULL, NULL, NULL, NULL
FROM strata_out s
WHERE s.id NOT IN (SELECT id FROM expected)
UNION ALL
SELECT id, printf('%d rows in strata output', n), NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL
FROM strata_dupes;

.print
.print Customers per tier (sql = the SQL model, strata = strata run):
.mode column
.headers on
WITH sql_tiers AS (
  SELECT 'rfm' AS tiering, rfm AS tier FROM expected
  UNION ALL SELECT 'pyramid', pyramid FROM expected
  UNION ALL SELECT 'lifecycle', lifecycle FROM expected),
strata_tiers AS (
  SELECT 'rfm' AS tiering, rfm AS tier FROM strata_out
  UNION ALL SELECT 'pyramid', pyramid FROM strata_out
  UNION ALL SELECT 'lifecycle', lifecycle FROM strata_out),
sql_counts AS (SELECT tiering, tier, count(*) AS n FROM sql_tiers GROUP BY 1, 2),
strata_counts AS (SELECT tiering, tier, count(*) AS n FROM strata_tiers GROUP BY 1, 2),
all_tiers AS (SELECT tiering, tier FROM sql_counts UNION SELECT tiering, tier FROM strata_counts)
SELECT a.tiering,
       CASE WHEN a.tier = '' THEN '(none)' ELSE a.tier END AS tier,
       coalesce(q.n, 0) AS sql,
       coalesce(s.n, 0) AS strata,
       CASE WHEN coalesce(q.n, 0) = coalesce(s.n, 0) THEN '' ELSE '<-- differs' END AS note
FROM all_tiers a
LEFT JOIN sql_counts q ON q.tiering = a.tiering AND q.tier = a.tier
LEFT JOIN strata_counts s ON s.tiering = a.tiering AND s.tier = a.tier
ORDER BY CASE a.tiering WHEN 'rfm' THEN 1 WHEN 'pyramid' THEN 2 ELSE 3 END, a.tier;

.print
SELECT count(*) AS disagreements FROM disagreements;
SELECT * FROM disagreements ORDER BY id LIMIT 10;
