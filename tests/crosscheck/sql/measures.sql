-- Per-customer order measures shared by the models of rules/ (rfm-8, rfm-segments, lifecycle,
-- pyramid, pareto, key-accounts), written from their definitions in the models' READMEs.
--
-- Input tables, imported from CSV with every column as TEXT: customers(id, ...) and
-- orders(customer_id, at, amount). Output: `facts`, one row per customer. Money is in integer
-- cents, times are integer Unix seconds, and whole days come from julianday() of dates (exact
-- half-integers), so no binary floating point decides a value.

DROP TABLE IF EXISTS params;
CREATE TABLE params AS SELECT
  '2026-11-01' AS as_of,     -- param as_of: date = 2026-11-01
  365 AS window_days;        -- param window: duration = 365d

-- One row per order. A time or amount SQLite cannot read becomes NULL; the driver stops on it.
DROP TABLE IF EXISTS order_facts;
CREATE TABLE order_facts AS
SELECT customer_id,
       unixepoch(at) AS ts,
       date(at) AS day,
       CASE WHEN amount GLOB '*[0-9]' AND amount NOT GLOB '*[^0-9.-]*'
            THEN CAST(ROUND(amount * 100) AS INTEGER) END AS cents
FROM orders;

-- The window is strict: an order counts when its time is after as_of - window (as_of at 00:00).
DROP TABLE IF EXISTS order_aggs;
CREATE TABLE order_aggs AS
SELECT o.customer_id,
       count(*) AS orders,
       min(o.day) AS first_day,
       max(o.day) AS last_day,
       sum(o.ts > w.start_ts) AS frequency,
       sum(CASE WHEN o.ts > w.start_ts THEN o.cents ELSE 0 END) AS monetary
FROM order_facts o
CROSS JOIN (SELECT unixepoch(as_of) - window_days * 86400 AS start_ts FROM params) w
GROUP BY o.customer_id;

-- recency: whole days from the day of the last order to as_of (NULL without orders); tenure_days
-- likewise from the first order; frequency and monetary over the window (0 without orders).
DROP TABLE IF EXISTS facts;
CREATE TABLE facts AS
SELECT c.id,
       coalesce(a.orders, 0) AS orders,
       CAST(julianday(p.as_of) - julianday(a.last_day) AS INTEGER) AS recency,
       CAST(julianday(p.as_of) - julianday(a.first_day) AS INTEGER) AS tenure_days,
       coalesce(a.frequency, 0) AS frequency,
       coalesce(a.monetary, 0) AS monetary
FROM customers c
LEFT JOIN order_aggs a ON a.customer_id = c.id
CROSS JOIN params p;
CREATE UNIQUE INDEX facts_id ON facts(id);
