-- The KPIs of rules/retail/kpis.strata (and the standard modules it uses) computed in SQLite.
--
-- Needs: `measures` and `expected` of retail_tiers.sql at the run's as_of (tiers now), the table
-- `prev_tiers(id, lifecycle)` from retail_tiers.sql run at the previous run's as_of, and
-- `strata_kpis`, strata's `kpi --format csv` output, and kpi_text.sql read before it. Leaves
-- `expected_kpis_m(kpi, grp, m)` (in millionths; as text in kpi_text.sql's `expected_kpis`) and
-- `kpi_disagreements`.
--
-- Written from the definitions in docs/kpi.md and docs/decimal.md, not from strata's code:
-- money in integer cents, every other value in integer millionths; each quotient and product is
-- rounded once to 6 places, half away from zero, as exact decimals are. Aggregates of no values
-- are NULL (none), except counts, which are 0. Values are compared as text, exactly.

-- Customers with their groups and inputs. churn_base / churn_lost as in kpis.strata:
--   let churn_base = lifecycle.previous in [new, growing, mature]
--   let churn_lost = churn_base and lifecycle is churned
DROP TABLE IF EXISTS kpi_inputs;
CREATE TABLE kpi_inputs AS
SELECT m.id, e.rfm, e.pyramid, e.lifecycle,
       m.frequency, m.monetary, m.recency,
       CASE WHEN c.nps = '' THEN NULL ELSE CAST(c.nps AS INTEGER) END AS nps,
       coalesce(p.lifecycle IN ('new', 'growing', 'mature'), 0) AS churn_base,
       coalesce(p.lifecycle IN ('new', 'growing', 'mature'), 0) AND e.lifecycle = 'churned'
         AS churn_lost
FROM measures m
JOIN expected e ON e.id = m.id
JOIN customers c ON c.id = m.id
LEFT JOIN prev_tiers p ON p.id = m.id;

-- The groups of each tiering: every tier, `all` (every customer) and `none` (no tier; empty
-- here, as every customer gets a tier), so that empty groups are computed too.
DROP TABLE IF EXISTS kpi_groups;
CREATE TABLE kpi_groups(tiering TEXT, grp TEXT);
INSERT INTO kpi_groups VALUES
  ('rfm', 'important_value'), ('rfm', 'important_develop'), ('rfm', 'important_keep'),
  ('rfm', 'important_retain'), ('rfm', 'general_value'), ('rfm', 'general_develop'),
  ('rfm', 'general_keep'), ('rfm', 'general_retain'),
  ('pyramid', 'top'), ('pyramid', 'large'), ('pyramid', 'middle'), ('pyramid', 'small'),
  ('lifecycle', 'prospect'), ('lifecycle', 'churned'), ('lifecycle', 'dormant'),
  ('lifecycle', 'new'), ('lifecycle', 'mature'), ('lifecycle', 'growing'),
  ('rfm', 'all'), ('pyramid', 'all'), ('lifecycle', 'all'), ('', 'all'),
  ('rfm', 'none'), ('pyramid', 'none'), ('lifecycle', 'none');

DROP TABLE IF EXISTS kpi_members;
CREATE TABLE kpi_members AS
SELECT g.tiering, g.grp, i.*
FROM kpi_groups g
JOIN kpi_inputs i
  ON g.grp = 'all'
  OR (g.tiering = 'rfm' AND i.rfm = g.grp)
  OR (g.tiering = 'pyramid' AND i.pyramid = g.grp)
  OR (g.tiering = 'lifecycle' AND i.lifecycle = g.grp);

-- Aggregates per group; sums over no customers are NULL.
DROP TABLE IF EXISTS kpi_stats;
CREATE TABLE kpi_stats AS
SELECT g.tiering, g.grp,
       count(m.id)                                 AS n,
       coalesce(sum(m.frequency >= 1), 0)          AS buyers,
       coalesce(sum(m.frequency >= 2), 0)          AS repeaters,
       sum(m.frequency)                            AS sum_f,
       sum(m.monetary)                             AS sum_cents,
       coalesce(sum(m.nps IS NOT NULL), 0)         AS answers,
       coalesce(sum(m.nps >= 9), 0)                AS promoters,
       coalesce(sum(m.nps <= 6), 0)                AS detractors,
       coalesce(sum(m.churn_base), 0)              AS base,
       coalesce(sum(m.churn_lost), 0)              AS lost,
       sum(m.recency)                              AS sum_recency,
       count(m.recency)                            AS n_recency
FROM kpi_groups g
LEFT JOIN kpi_members m ON m.tiering = g.tiering AND m.grp = g.grp
GROUP BY g.tiering, g.grp;

-- Quotients in millionths, rounded half away from zero: q(a, b) = round(a / b) for b > 0.
-- Written out in each expression below as
--   CASE WHEN a >= 0 THEN (2 * a + b) / (2 * b) ELSE -((2 * -a + b) / (2 * b)) END
DROP TABLE IF EXISTS kpi_m;
CREATE TABLE kpi_m AS
SELECT s.tiering, s.grp, s.n, s.buyers, s.base, s.lost,
       -- repurchase_rate = count(frequency >= 2) / count(frequency >= 1)
       CASE WHEN s.buyers > 0
            THEN (2 * s.repeaters * 1000000 + s.buyers) / (2 * s.buyers) END AS repurchase,
       -- aov = sum(monetary) / sum(frequency): cents * 10^4 millionths over a count
       CASE WHEN s.sum_f > 0
            THEN (2 * s.sum_cents * 10000 + s.sum_f) / (2 * s.sum_f) END AS aov,
       -- purchase_frequency = sum(frequency) / count(frequency >= 1)
       CASE WHEN s.buyers > 0 AND s.sum_f IS NOT NULL
            THEN (2 * s.sum_f * 1000000 + s.buyers) / (2 * s.buyers) END AS pf,
       -- revenue = sum(monetary)
       s.sum_cents * 10000 AS revenue,
       -- revenue_share = sum(monetary) / total(sum(monetary))
       CASE WHEN t.sum_cents > 0 AND s.sum_cents IS NOT NULL
            THEN (2 * s.sum_cents * 1000000 + t.sum_cents) / (2 * t.sum_cents) END AS share,
       -- nps = 100 * (count(nps >= 9) - count(nps <= 6)) / count(nps is not none)
       CASE WHEN s.answers > 0 THEN
         CASE WHEN s.promoters >= s.detractors
              THEN (2 * 100 * (s.promoters - s.detractors) * 1000000 + s.answers) / (2 * s.answers)
              ELSE -((2 * 100 * (s.detractors - s.promoters) * 1000000 + s.answers)
                     / (2 * s.answers)) END END AS nps,
       CASE WHEN s.answers > 0
            THEN (2 * s.promoters * 1000000 + s.answers) / (2 * s.answers) END AS promoters,
       CASE WHEN s.answers > 0
            THEN (2 * s.detractors * 1000000 + s.answers) / (2 * s.answers) END AS detractors,
       -- churn_rate = count(churn_lost) / count(churn_base)
       CASE WHEN s.base > 0 THEN (2 * s.lost * 1000000 + s.base) / (2 * s.base) END AS churn,
       -- avg(recency): none when no customer of the group has an order
       CASE WHEN s.n_recency > 0
            THEN (2 * s.sum_recency * 1000000 + s.n_recency) / (2 * s.n_recency) END AS recency
FROM kpi_stats s
JOIN kpi_stats t ON t.tiering = '' AND t.grp = 'all';


-- clv = aov * purchase_frequency * clv_lifespan_years (3) * clv_margin (30%), left to right,
-- each product rounded: x * y in millionths is round(x * y / 10^6) (ap = aov * pf).
-- clv_discounted = aov * purchase_frequency * clv_margin * clv_retention (80%)
--                  / (1 + clv_discount_rate (10%) - clv_retention), the divisor 0.3 exactly.
DROP TABLE IF EXISTS kpi_clv;
CREATE TABLE kpi_clv AS
SELECT tiering, grp,
       (ap * 3 * 300000 * 2 + 1000000) / 2000000 AS clv,
       (2 * amr * 1000000 + 300000) / (2 * 300000) AS clv_discounted
FROM (SELECT tiering, grp, ap, (am * 800000 * 2 + 1000000) / 2000000 AS amr
      FROM (SELECT tiering, grp, ap, (ap * 300000 * 2 + 1000000) / 2000000 AS am
            FROM (SELECT tiering, grp, (aov * pf * 2 + 1000000) / 2000000 AS ap FROM kpi_m
                  WHERE aov IS NOT NULL AND pf IS NOT NULL)));

DROP TABLE IF EXISTS expected_kpis_m;
CREATE TABLE expected_kpis_m(kpi TEXT, grp TEXT, m INTEGER);
INSERT INTO expected_kpis_m
-- Every customer only (the standard modules' KPIs).
SELECT 'nps', grp, nps FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'nps_promoters', grp, promoters FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'nps_detractors', grp, detractors FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'repurchase_rate', grp, repurchase FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'aov', grp, aov FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'purchase_frequency', grp, pf FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'revenue', grp, revenue FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'revenue_share', grp, share FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'buyers', grp, buyers * 1000000 FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'churn_rate', grp, churn FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'churned_customers', grp, lost * 1000000 FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'retention_rate', grp, 1000000 - churn FROM kpi_m WHERE tiering = ''
UNION ALL SELECT 'clv', m.grp, c.clv FROM kpi_m m LEFT JOIN kpi_clv c
            ON c.tiering = m.tiering AND c.grp = m.grp WHERE m.tiering = ''
UNION ALL SELECT 'clv_discounted', m.grp, c.clv_discounted FROM kpi_m m LEFT JOIN kpi_clv c
            ON c.tiering = m.tiering AND c.grp = m.grp WHERE m.tiering = ''
-- Grouped by rfm.
UNION ALL SELECT 'customers_rfm', grp, n * 1000000 FROM kpi_m WHERE tiering = 'rfm'
UNION ALL SELECT 'nps_rfm', grp, nps FROM kpi_m WHERE tiering = 'rfm'
UNION ALL SELECT 'repurchase_rfm', grp, repurchase FROM kpi_m WHERE tiering = 'rfm'
UNION ALL SELECT 'churn_rfm', grp, churn FROM kpi_m WHERE tiering = 'rfm'
-- Grouped by pyramid.
UNION ALL SELECT 'revenue_share_pyramid', grp, share FROM kpi_m WHERE tiering = 'pyramid'
UNION ALL SELECT 'aov_pyramid', grp, aov FROM kpi_m WHERE tiering = 'pyramid'
UNION ALL SELECT 'clv_pyramid', m.grp, c.clv FROM kpi_m m LEFT JOIN kpi_clv c
            ON c.tiering = m.tiering AND c.grp = m.grp WHERE m.tiering = 'pyramid'
UNION ALL SELECT 'clv_discounted_pyramid', m.grp, c.clv_discounted FROM kpi_m m
            LEFT JOIN kpi_clv c ON c.tiering = m.tiering AND c.grp = m.grp
            WHERE m.tiering = 'pyramid'
-- Grouped by lifecycle.
UNION ALL SELECT 'customers_lifecycle', grp, n * 1000000 FROM kpi_m WHERE tiering = 'lifecycle'
UNION ALL SELECT 'recency_lifecycle', grp, recency FROM kpi_m WHERE tiering = 'lifecycle';

-- Every expected row must be in strata's output with the same text, and every strata row of
-- these KPIs must be expected (the `none` groups of the tierings are empty: strata writes them
-- only for tierings that may leave a customer without a tier).
DROP TABLE IF EXISTS kpi_disagreements;
CREATE TABLE kpi_disagreements AS
SELECT e.kpi, e.grp, e.value AS sql_value, s.value AS strata_value,
       CASE WHEN s.kpi IS NULL THEN 'missing from strata output' ELSE 'different value' END
         AS problem
FROM expected_kpis e
LEFT JOIN strata_kpis s ON s.kpi = e.kpi AND s."group" = e.grp
WHERE (s.kpi IS NULL AND e.grp <> 'none') OR (s.kpi IS NOT NULL AND s.value IS NOT e.value)
UNION ALL
SELECT s.kpi, s."group", NULL, s.value, 'not expected'
FROM strata_kpis s
LEFT JOIN expected_kpis e ON e.kpi = s.kpi AND e.grp = s."group"
WHERE e.kpi IS NULL AND s.kpi IN (SELECT DISTINCT kpi FROM expected_kpis);
