-- tests/data/population/rfm_quintiles.strata computed independently in SQLite with window
-- functions, from the definitions in docs/language.md ("Statistics over all customers").
--
-- Input tables, imported from CSV as TEXT: customers(id, ..., nps, ...), orders(customer_id, at,
-- amount). Output: `expected`, one row per customer with every let of the model and both tiers.
-- Money is in integer cents and every ratio in integer millionths rounded half up (all ratios
-- here are non-negative), so no binary floating point decides a value; only the standard
-- deviation uses sqrt() and is compared with a tolerance.

DROP TABLE IF EXISTS params;
CREATE TABLE params AS SELECT
  '2026-11-01' AS as_of,    -- param as_of: date = 2026-11-01
  365 AS window_days;       -- param window: duration = 365d

DROP TABLE IF EXISTS facts;
CREATE TABLE facts AS
SELECT c.id,
       CASE WHEN c.nps = '' THEN NULL ELSE CAST(c.nps AS INTEGER) END AS nps,
       -- days_between(max(Order.at), as_of): whole days from the date of the last order
       (SELECT CAST(julianday(p.as_of) - julianday(date(max(o.at))) AS INTEGER)
          FROM orders o WHERE o.customer_id = c.id) AS recency,
       (SELECT count(*) FROM orders o
         WHERE o.customer_id = c.id
           AND unixepoch(o.at) > unixepoch(p.as_of) - p.window_days * 86400) AS frequency,
       (SELECT coalesce(sum(CAST(ROUND(o.amount * 100) AS INTEGER)), 0) FROM orders o
         WHERE o.customer_id = c.id
           AND unixepoch(o.at) > unixepoch(p.as_of) - p.window_days * 86400) AS monetary
FROM customers c CROSS JOIN params p;
CREATE INDEX facts_id ON facts(id);

-- Positions. NTILE over the customers whose value is present, ties by key; RANK as SQL's.
DROP TABLE IF EXISTS positions;
CREATE TABLE positions AS
SELECT f.id,
       6 - qr.q AS R,
       qf.q AS F,
       qm.q AS M,
       cs.running AS running, tot.total AS total,
       pr.rnk AS spend_rank, cnt.n AS n
FROM facts f
LEFT JOIN (SELECT id, NTILE(5) OVER (ORDER BY recency, id) AS q FROM facts
           WHERE recency IS NOT NULL) qr ON qr.id = f.id
JOIN (SELECT id, NTILE(5) OVER (ORDER BY frequency, id) AS q FROM facts) qf ON qf.id = f.id
JOIN (SELECT id, NTILE(5) OVER (ORDER BY monetary, id) AS q FROM facts) qm ON qm.id = f.id
JOIN (SELECT id, SUM(monetary) OVER (ORDER BY monetary DESC, id
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
      FROM facts) cs ON cs.id = f.id
JOIN (SELECT id, RANK() OVER (ORDER BY monetary) AS rnk FROM facts) pr ON pr.id = f.id
CROSS JOIN (SELECT sum(monetary) AS total FROM facts) tot
CROSS JOIN (SELECT count(*) AS n FROM facts) cnt;

-- Statistics of the whole population, in millionths.
DROP TABLE IF EXISTS stats;
CREATE TABLE stats AS
WITH ordered AS (
  SELECT monetary, ROW_NUMBER() OVER (ORDER BY monetary) - 1 AS i FROM facts
), n AS (SELECT count(*) AS n FROM facts),
-- percentile(x, p) with p = num / 100: h = (n - 1) p; v[lo] + frac * (v[lo + 1] - v[lo]).
pct AS (
  SELECT p.num,
         ((n.n - 1) * p.num) / 100 AS lo,
         ((n.n - 1) * p.num) % 100 AS frac
  FROM (SELECT 50 AS num UNION ALL SELECT 90) p CROSS JOIN n
)
SELECT
  (SELECT (sum(R) * 2000000 + count(R)) / (2 * count(R)) FROM positions) AS avg_r,
  (SELECT (sum(F) * 2000000 + count(F)) / (2 * count(F)) FROM positions) AS avg_f,
  (SELECT (sum(M) * 2000000 + count(M)) / (2 * count(M)) FROM positions) AS avg_m,
  (SELECT lo.monetary * 10000 + pct.frac * (coalesce(hi.monetary, lo.monetary) - lo.monetary) * 100
     FROM pct JOIN ordered lo ON lo.i = pct.lo LEFT JOIN ordered hi ON hi.i = pct.lo + 1
    WHERE pct.num = 50) AS median_m,
  (SELECT lo.monetary * 10000 + pct.frac * (coalesce(hi.monetary, lo.monetary) - lo.monetary) * 100
     FROM pct JOIN ordered lo ON lo.i = pct.lo LEFT JOIN ordered hi ON hi.i = pct.lo + 1
    WHERE pct.num = 90) AS p90_m,
  -- Population standard deviation, in units of money (a REAL).
  (SELECT sqrt(count(*) * sum(monetary * 1.0 * monetary) - sum(monetary * 1.0) * sum(monetary * 1.0))
          / count(*) / 100.0 FROM facts) AS sd_m,
  (SELECT count(*) FROM facts WHERE nps >= 9) AS promoters,
  (SELECT count(*) FROM facts) AS customers;

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
SELECT f.id, f.recency, f.frequency, f.monetary, p.R, p.F, p.M,
       CASE WHEN p.total = 0 THEN NULL
            ELSE (p.running * 2000000 + p.total) / (2 * p.total) END AS share,
       p.spend_rank,
       CASE WHEN p.n = 1 THEN 0
            ELSE ((p.spend_rank - 1) * 2000000 + (p.n - 1)) / (2 * (p.n - 1)) END AS spend_percent_rank,
       s.median_m, s.p90_m, s.sd_m, s.promoters, s.customers,
       coalesce(p.R, 0) * 1000000 > s.avg_r AS r_high,
       p.F * 1000000 > s.avg_f AS f_high,
       p.M * 1000000 > s.avg_m AS m_high
FROM facts f JOIN positions p ON p.id = f.id CROSS JOIN stats s;

ALTER TABLE expected ADD COLUMN rfm TEXT;
ALTER TABLE expected ADD COLUMN pareto TEXT;
UPDATE expected SET
  rfm = CASE
    WHEN r_high AND f_high AND m_high THEN 'important_value'
    WHEN r_high AND NOT f_high AND m_high THEN 'important_develop'
    WHEN NOT r_high AND f_high AND m_high THEN 'important_keep'
    WHEN NOT r_high AND NOT f_high AND m_high THEN 'important_retain'
    WHEN r_high AND f_high AND NOT m_high THEN 'general_value'
    WHEN r_high AND NOT f_high AND NOT m_high THEN 'general_develop'
    WHEN NOT r_high AND f_high AND NOT m_high THEN 'general_keep'
    ELSE 'general_retain' END,
  pareto = CASE WHEN share <= 800000 THEN 'head' ELSE 'tail' END;
