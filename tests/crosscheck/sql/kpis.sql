-- The KPIs of a model's kpis.strata (and of the standard modules it uses) computed in SQLite, and
-- compared with strata's `kpi --format csv` output value by value, as exact text.
--
-- Needs, from the model's kpis-MODEL.sql:
--   kpi_inputs(id, frequency, monetary, recency, nps, csat, churn_base, churn_lost, won_back):
--     each customer's values (monetary in integer cents; NULL where the model has none;
--     churn_base, churn_lost and won_back 0 or 1);
--   kpi_membership(tiering, grp, id): the groups of each customer, a sub-tier's customers also
--     under the tier above it; kpi_groups(tiering, grp): every tier of each tiering, empty ones too;
--   kpi_modules(module): the standard modules used (nps, csat, purchase, clv, churn);
--   kpi_defs(kpi, tiering, measure): the model's own KPIs, each a measure below grouped by a
--     tiering;
-- and strata_kpis, strata's output. Leaves expected_kpis(kpi, grp, value) and kpi_disagreements.
--
-- Written from the definitions in docs/kpi.md and docs/decimal.md, not from strata's code: money
-- in integer cents, every other value in integer millionths; each quotient and product is rounded
-- once to 6 places, half away from zero, as exact decimals are. Aggregates of no values are NULL
-- (none), except counts, which are 0. A 64-bit overflow would turn a value to REAL: kpi_checks
-- says so.

-- The standard modules' KPIs, over every customer (stdlib/std/kpi/*.strata).
DROP TABLE IF EXISTS std_kpis;
CREATE TABLE std_kpis(module TEXT, kpi TEXT, measure TEXT);
INSERT INTO std_kpis VALUES
  ('nps', 'nps', 'nps'), ('nps', 'nps_promoters', 'nps_promoters'),
  ('nps', 'nps_detractors', 'nps_detractors'),
  ('csat', 'csat', 'csat'),
  ('purchase', 'repurchase_rate', 'repurchase_rate'), ('purchase', 'aov', 'aov'),
  ('purchase', 'purchase_frequency', 'purchase_frequency'), ('purchase', 'revenue', 'revenue'),
  ('purchase', 'revenue_share', 'revenue_share'), ('purchase', 'buyers', 'buyers'),
  ('clv', 'clv', 'clv'), ('clv', 'clv_discounted', 'clv_discounted'),
  ('churn', 'churn_rate', 'churn_rate'), ('churn', 'churned_customers', 'churned_customers'),
  ('churn', 'retention_rate', 'retention_rate');
-- clv.strata uses purchase.strata.
INSERT INTO kpi_modules SELECT 'purchase' WHERE EXISTS (SELECT 1 FROM kpi_modules WHERE module = 'clv')
  AND NOT EXISTS (SELECT 1 FROM kpi_modules WHERE module = 'purchase');
INSERT INTO kpi_defs SELECT kpi, '', measure FROM std_kpis WHERE module IN (SELECT module FROM kpi_modules);

-- Every group: the tiers, `all` of each tiering and of the ungrouped KPIs (''), and `none` (no
-- tier: empty, as every customer of these models gets a tier).
DROP TABLE IF EXISTS kpi_all_groups;
CREATE TABLE kpi_all_groups AS
SELECT tiering, grp FROM kpi_groups
UNION SELECT DISTINCT tiering, 'all' FROM kpi_groups
UNION SELECT DISTINCT tiering, 'none' FROM kpi_groups
UNION SELECT '', 'all';

DROP TABLE IF EXISTS kpi_members;
CREATE TABLE kpi_members AS
SELECT tiering, grp, id FROM kpi_membership
UNION ALL SELECT g.tiering, 'all', i.id FROM (SELECT DISTINCT tiering FROM kpi_all_groups) g
          CROSS JOIN kpi_inputs i;
CREATE INDEX kpi_members_group ON kpi_members(tiering, grp);

-- Aggregates per group; sums over no customers are NULL.
DROP TABLE IF EXISTS kpi_stats;
CREATE TABLE kpi_stats AS
SELECT g.tiering, g.grp,
       count(i.id)                                  AS n,
       coalesce(sum(i.frequency >= 1), 0)           AS buyers,
       coalesce(sum(i.frequency >= 2), 0)           AS repeaters,
       sum(i.frequency)                             AS sum_f,
       sum(i.monetary)                              AS sum_cents,
       coalesce(sum(i.nps IS NOT NULL), 0)          AS answers,
       coalesce(sum(i.nps >= 9), 0)                 AS promoters,
       coalesce(sum(i.nps <= 6), 0)                 AS detractors,
       coalesce(sum(i.csat IS NOT NULL), 0)         AS csat_answers,
       coalesce(sum(i.csat >= 4), 0)                AS satisfied,   -- param csat_satisfied = 4
       coalesce(sum(i.churn_base), 0)               AS base,
       coalesce(sum(i.churn_lost), 0)               AS lost,
       coalesce(sum(i.won_back), 0)                 AS won_back,
       sum(i.recency)                               AS sum_recency,
       count(i.recency)                             AS n_recency
FROM kpi_all_groups g
LEFT JOIN kpi_members m ON m.tiering = g.tiering AND m.grp = g.grp
LEFT JOIN kpi_inputs i ON i.id = m.id
GROUP BY g.tiering, g.grp;

-- Quotients in millionths, rounded half away from zero, are written out in each expression as
--   (2 * a + b) / (2 * b)   for a >= 0, b > 0 (the numerator a already scaled to millionths)
-- and products x * y of two millionths as
--   (x / 1000000) * y + ((x % 1000000) * y + 500000) / 1000000   for x, y >= 0
-- (the whole part of x times y is exact; only the fraction needs rounding; no 64-bit overflow).
DROP TABLE IF EXISTS kpi_m;
CREATE TABLE kpi_m AS
SELECT s.tiering, s.grp, s.n,
       s.n * 1000000 AS customers,
       -- count() / total(count())
       (2 * s.n * 1000000 + t.n) / (2 * t.n) AS customer_share,
       s.buyers * 1000000 AS buyers,
       -- repurchase_rate = count(frequency >= 2) / count(frequency >= 1)
       CASE WHEN s.buyers > 0
            THEN (2 * s.repeaters * 1000000 + s.buyers) / (2 * s.buyers) END AS repurchase_rate,
       -- aov = sum(monetary) / sum(frequency): cents * 10^4 millionths over a count
       CASE WHEN s.sum_f > 0
            THEN (2 * s.sum_cents * 10000 + s.sum_f) / (2 * s.sum_f) END AS aov,
       -- purchase_frequency = sum(frequency) / count(frequency >= 1)
       CASE WHEN s.buyers > 0 AND s.sum_f IS NOT NULL
            THEN (2 * s.sum_f * 1000000 + s.buyers) / (2 * s.buyers) END AS purchase_frequency,
       -- revenue = sum(monetary)
       s.sum_cents * 10000 AS revenue,
       -- revenue_share = sum(monetary) / total(sum(monetary))
       CASE WHEN t.sum_cents > 0 AND s.sum_cents IS NOT NULL
            THEN (2 * s.sum_cents * 1000000 + t.sum_cents) / (2 * t.sum_cents) END AS revenue_share,
       -- nps = 100 * (count(nps >= 9) - count(nps <= 6)) / count(nps is not none)
       CASE WHEN s.answers > 0 THEN
         CASE WHEN s.promoters >= s.detractors
              THEN (2 * 100 * (s.promoters - s.detractors) * 1000000 + s.answers) / (2 * s.answers)
              ELSE -((2 * 100 * (s.detractors - s.promoters) * 1000000 + s.answers)
                     / (2 * s.answers)) END END AS nps,
       CASE WHEN s.answers > 0
            THEN (2 * s.promoters * 1000000 + s.answers) / (2 * s.answers) END AS nps_promoters,
       CASE WHEN s.answers > 0
            THEN (2 * s.detractors * 1000000 + s.answers) / (2 * s.answers) END AS nps_detractors,
       -- csat = count(csat >= csat_satisfied) / count(csat is not none)
       CASE WHEN s.csat_answers > 0
            THEN (2 * s.satisfied * 1000000 + s.csat_answers) / (2 * s.csat_answers) END AS csat,
       -- churn_rate = count(churn_lost) / count(churn_base); retention_rate = 1 - churn_rate
       CASE WHEN s.base > 0 THEN (2 * s.lost * 1000000 + s.base) / (2 * s.base) END AS churn_rate,
       s.lost * 1000000 AS churned_customers,
       s.won_back * 1000000 AS won_back,
       -- avg(recency): none when no customer of the group has an order
       CASE WHEN s.n_recency > 0
            THEN (2 * s.sum_recency * 1000000 + s.n_recency) / (2 * s.n_recency) END AS recency
FROM kpi_stats s
JOIN kpi_stats t ON t.tiering = '' AND t.grp = 'all';

-- clv = aov * purchase_frequency * clv_lifespan_years (3) * clv_margin (30%), left to right, each
-- product rounded (ap = aov * purchase_frequency; ap * 3 is exact).
-- clv_discounted = aov * purchase_frequency * clv_margin * clv_retention (80%)
--                  / (1 + clv_discount_rate (10%) - clv_retention): the divisor is 0.3 exactly.
DROP TABLE IF EXISTS kpi_clv;
CREATE TABLE kpi_clv AS
SELECT tiering, grp,
       (ap * 3 / 1000000) * 300000 + ((ap * 3 % 1000000) * 300000 + 500000) / 1000000 AS clv,
       (2 * amr * 1000000 + 300000) / (2 * 300000) AS clv_discounted
FROM (SELECT tiering, grp, ap,
             (am / 1000000) * 800000 + ((am % 1000000) * 800000 + 500000) / 1000000 AS amr
      FROM (SELECT tiering, grp, ap,
                   (ap / 1000000) * 300000 + ((ap % 1000000) * 300000 + 500000) / 1000000 AS am
            FROM (SELECT tiering, grp,
                         (aov / 1000000) * purchase_frequency
                         + ((aov % 1000000) * purchase_frequency + 500000) / 1000000 AS ap
                  FROM kpi_m WHERE aov IS NOT NULL AND purchase_frequency IS NOT NULL)));

-- Every measure of every group, by name.
DROP TABLE IF EXISTS kpi_values;
CREATE TABLE kpi_values AS
SELECT tiering, grp, 'customers' AS measure, customers AS m FROM kpi_m
UNION ALL SELECT tiering, grp, 'customer_share', customer_share FROM kpi_m
UNION ALL SELECT tiering, grp, 'buyers', buyers FROM kpi_m
UNION ALL SELECT tiering, grp, 'repurchase_rate', repurchase_rate FROM kpi_m
UNION ALL SELECT tiering, grp, 'aov', aov FROM kpi_m
UNION ALL SELECT tiering, grp, 'purchase_frequency', purchase_frequency FROM kpi_m
UNION ALL SELECT tiering, grp, 'revenue', revenue FROM kpi_m
UNION ALL SELECT tiering, grp, 'revenue_share', revenue_share FROM kpi_m
UNION ALL SELECT tiering, grp, 'nps', nps FROM kpi_m
UNION ALL SELECT tiering, grp, 'nps_promoters', nps_promoters FROM kpi_m
UNION ALL SELECT tiering, grp, 'nps_detractors', nps_detractors FROM kpi_m
UNION ALL SELECT tiering, grp, 'csat', csat FROM kpi_m
UNION ALL SELECT tiering, grp, 'churn_rate', churn_rate FROM kpi_m
UNION ALL SELECT tiering, grp, 'churned_customers', churned_customers FROM kpi_m
UNION ALL SELECT tiering, grp, 'retention_rate', 1000000 - churn_rate FROM kpi_m
UNION ALL SELECT tiering, grp, 'won_back', won_back FROM kpi_m
UNION ALL SELECT tiering, grp, 'recency', recency FROM kpi_m
UNION ALL SELECT m.tiering, m.grp, 'clv', c.clv FROM kpi_m m
          LEFT JOIN kpi_clv c ON c.tiering = m.tiering AND c.grp = m.grp
UNION ALL SELECT m.tiering, m.grp, 'clv_discounted', c.clv_discounted FROM kpi_m m
          LEFT JOIN kpi_clv c ON c.tiering = m.tiering AND c.grp = m.grp;

DROP TABLE IF EXISTS kpi_checks;
CREATE TABLE kpi_checks AS
SELECT 'a KPI value overflowed 64-bit integers: ' || measure || ' of ' || grp AS problem
FROM kpi_values WHERE typeof(m) NOT IN ('integer', 'null')
UNION ALL
SELECT 'no measure named ' || d.measure || ' (KPI ' || d.kpi || ')' FROM kpi_defs d
WHERE d.measure NOT IN (SELECT measure FROM kpi_values);

-- Millionths as strata writes exact decimals: the shortest text, "0.425", "-3", "12.5".
DROP TABLE IF EXISTS expected_kpis;
CREATE TABLE expected_kpis AS
SELECT d.kpi, v.grp, k.n AS customers,
       CASE WHEN v.m IS NULL THEN ''
            ELSE (CASE WHEN v.m < 0 THEN '-' ELSE '' END) || (abs(v.m) / 1000000) ||
                 CASE WHEN abs(v.m) % 1000000 = 0 THEN ''
                      ELSE '.' || rtrim(printf('%06d', abs(v.m) % 1000000), '0') END
       END AS value
FROM kpi_defs d
JOIN kpi_values v ON v.tiering = d.tiering AND v.measure = d.measure
JOIN kpi_m k ON k.tiering = v.tiering AND k.grp = v.grp;

-- Every expected row must be in strata's output with the same text and the same number of
-- customers, and every row of strata's output must be expected: a KPI without SQL here fails.
-- The `none` groups are empty: strata writes them only for tierings that may leave a customer
-- without a tier, so they are compared when strata has them.
DROP TABLE IF EXISTS kpi_compared;
CREATE TABLE kpi_compared AS
SELECT e.kpi, e.grp, e.value AS sql_value, s.value AS strata_value,
       e.customers AS sql_customers, s.customers AS strata_customers,
       CASE WHEN s.kpi IS NULL THEN 'missing from strata output'
            WHEN s.value IS NOT e.value THEN 'different value'
            WHEN CAST(s.customers AS INTEGER) IS NOT e.customers THEN 'different customers'
       END AS problem
FROM expected_kpis e
LEFT JOIN strata_kpis s ON s.kpi = e.kpi AND s."group" = e.grp
WHERE s.kpi IS NOT NULL OR e.grp <> 'none';

DROP TABLE IF EXISTS kpi_disagreements;
CREATE TABLE kpi_disagreements AS
SELECT kpi, grp, sql_value, strata_value, problem FROM kpi_compared WHERE problem IS NOT NULL
UNION ALL
SELECT s.kpi, s."group", NULL, s.value, 'not expected'
FROM strata_kpis s
LEFT JOIN expected_kpis e ON e.kpi = s.kpi AND e.grp = s."group"
WHERE e.kpi IS NULL;
