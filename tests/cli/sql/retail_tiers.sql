-- The retail sample model (rules/retail/*.strata) computed independently in SQLite.
--
-- Input tables, imported from CSV with every column as TEXT:
--   customers(id, name, industry, employees, owner, signed_on, nps, revenue)
--   orders(customer_id, at, amount)
-- Output: the table `expected(id, rfm, pyramid, lifecycle)` holding tier ids, plus `measures`
-- (the R/F/M values per customer) for printing examples.
--
-- Written from the model's definition, not from the rule files' text: money is summed in integer
-- cents, times are compared as integer Unix seconds, and whole days come from julianday() of
-- dates, so no binary floating point decides a tier.

-- Parameter defaults, one per `param` in the rule files.
DROP TABLE IF EXISTS params;
CREATE TABLE params AS SELECT
  '2026-11-01' AS as_of,            -- customer.strata: param as_of: date = 2026-11-01
  365          AS window_days,      -- customer.strata: param window: duration = 365d
  90           AS recent_days,      -- rfm.strata:      param recent_days: int = 90
  4            AS frequent_orders,  -- rfm.strata:      param frequent_orders: int = 4
  500000       AS high_value,       -- rfm.strata:      param high_value: money = 5_000 (cents)
  10000000     AS pyramid_top,      -- pyramid.strata:  param pyramid_top: money = 100_000 (cents)
  2000000      AS pyramid_large,    -- pyramid.strata:  param pyramid_large: money = 20_000 (cents)
  500000       AS pyramid_middle,   -- pyramid.strata:  param pyramid_middle: money = 5_000 (cents)
  365          AS churn_days,       -- lifecycle.strata: param churn_days: int = 365
  180          AS dormant_days,     -- lifecycle.strata: param dormant_days: int = 180
  90           AS new_days,         -- lifecycle.strata: param new_days: int = 90
  8            AS mature_orders;    -- lifecycle.strata: param mature_orders: int = 8

-- One row per order: time in Unix seconds (as_of is a date, taken at 00:00:00) and amount in
-- exact cents. A value SQLite cannot read becomes NULL here and is reported by the caller.
DROP TABLE IF EXISTS order_facts;
CREATE TABLE order_facts AS
SELECT customer_id,
       unixepoch(at) AS ts,
       CASE WHEN amount GLOB '*[0-9]' AND amount NOT GLOB '*[^0-9.-]*'
            THEN CAST(ROUND(amount * 100) AS INTEGER) END AS cents
FROM orders;

-- Per-customer aggregates over all orders and over the window.
-- The window is strict: at > as_of - window (customer.strata `at > as_of - window`).
DROP TABLE IF EXISTS order_aggs;
CREATE TABLE order_aggs AS
SELECT o.customer_id,
       count(*)                                              AS order_count,  -- count(Order)
       min(o.ts)                                             AS first_ts,     -- first(Order.at)
       max(o.ts)                                             AS last_ts,      -- max(Order.at)
       sum(o.ts > w.start_ts)                                AS frequency,
       sum(CASE WHEN o.ts > w.start_ts THEN o.cents ELSE 0 END) AS monetary
FROM order_facts o
CROSS JOIN (SELECT unixepoch(as_of) - window_days * 86400 AS start_ts FROM params) w
GROUP BY o.customer_id;

-- The customer.strata lets (and lifecycle.strata's tenure_days), one row per customer.
-- Customers without orders: recency and tenure_days NULL (none), frequency and monetary 0.
DROP TABLE IF EXISTS measures;
CREATE TABLE measures AS
SELECT c.id,
       coalesce(a.order_count, 0) AS order_count,
       -- let recency = days_between(max(Order.at), as_of)
       CAST(julianday(p.as_of) - julianday(date(a.last_ts, 'unixepoch')) AS INTEGER) AS recency,
       -- let frequency = count(Order where at > as_of - window)
       coalesce(a.frequency, 0) AS frequency,
       -- let monetary = sum(Order.amount where at > as_of - window), in cents
       coalesce(a.monetary, 0) AS monetary,
       -- let tenure_days = days_between(first(Order.at), as_of)
       CAST(julianday(p.as_of) - julianday(date(a.first_ts, 'unixepoch')) AS INTEGER) AS tenure_days
FROM customers c
CROSS JOIN params p
LEFT JOIN order_aggs a ON a.customer_id = c.id;

-- rfm.strata: the eight classes as a lookup table on (R high, F high, M high), joined by
-- equality, while the rule file's decision table is matched row by row (first match).
DROP TABLE IF EXISTS rfm_classes;
CREATE TABLE rfm_classes(r_high INTEGER, f_high INTEGER, m_high INTEGER, tier TEXT);
INSERT INTO rfm_classes VALUES
  (1, 1, 1, 'important_value'),    -- (yes, yes, yes) -> important_value
  (1, 0, 1, 'important_develop'),  -- (yes, no, yes) -> important_develop
  (0, 1, 1, 'important_keep'),     -- (no, yes, yes) -> important_keep
  (0, 0, 1, 'important_retain'),   -- (no, no, yes) -> important_retain
  (1, 1, 0, 'general_value'),      -- (yes, yes, no) -> general_value
  (1, 0, 0, 'general_develop'),    -- (yes, no, no) -> general_develop
  (0, 1, 0, 'general_keep'),       -- (no, yes, no) -> general_keep
  (0, 0, 0, 'general_retain');     -- (no, no, no) -> general_retain

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
SELECT m.id,
       r.tier AS rfm,
       CASE                                                -- pyramid.strata, first match:
         WHEN m.monetary >= p.pyramid_top    THEN 'top'    --   tier top    when monetary >= pyramid_top
         WHEN m.monetary >= p.pyramid_large  THEN 'large'  --   tier large  when monetary >= pyramid_large
         WHEN m.monetary >= p.pyramid_middle THEN 'middle' --   tier middle when monetary >= pyramid_middle
         ELSE 'small'                                      --   tier small  otherwise
       END AS pyramid,
       CASE                                                    -- lifecycle.strata, first match:
         WHEN m.order_count = 0               THEN 'prospect'  --   when count(Order) == 0
         WHEN m.recency > p.churn_days        THEN 'churned'   --   when recency > churn_days
         WHEN m.recency > p.dormant_days      THEN 'dormant'   --   when recency > dormant_days
         WHEN m.tenure_days <= p.new_days     THEN 'new'       --   when tenure_days <= new_days
         WHEN m.frequency >= p.mature_orders  THEN 'mature'    --   when frequency >= mature_orders
         ELSE 'growing'                                        --   otherwise
       END AS lifecycle
FROM measures m
CROSS JOIN params p
JOIN rfm_classes r
  -- rfm.strata: let r_high = recency is not none and recency <= recent_days
  ON r.r_high = (m.recency IS NOT NULL AND m.recency <= p.recent_days)
  -- rfm.strata: let f_high = frequency >= frequent_orders
 AND r.f_high = (m.frequency >= p.frequent_orders)
  -- rfm.strata: let m_high = monetary >= high_value
 AND r.m_high = (m.monetary >= p.high_value);
