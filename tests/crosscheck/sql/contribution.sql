-- The share of revenue held by the customers ranked ahead of each one (rules/pyramid/customer.strata
-- `share_ahead`, used by rules/pyramid, rules/pareto and rules/key-accounts), from facts
-- (measures.sql). Customers are ranked by monetary, largest first, ties by id; `running` is the
-- revenue of the customer and everyone ahead (SUM() OVER ... ROWS). The engine's shares are exact
-- decimals rounded once to 6 places, so share_ahead = round6(running / total) - round6(monetary /
-- total), here in integer millionths (non-negative, so half away from zero is half up). NULL when
-- the total is 0. Output: `contribution(id, running, total, share_ahead)`.

DROP TABLE IF EXISTS contribution;
CREATE TABLE contribution AS
WITH ranked AS (
  SELECT id, monetary,
         SUM(monetary) OVER (ORDER BY monetary DESC, id
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
  FROM facts
), total AS (SELECT sum(monetary) AS total FROM facts)
SELECT r.id, r.monetary, r.running, t.total,
       CASE WHEN t.total > 0 THEN
         (r.running * 2000000 + t.total) / (2 * t.total)
         - (r.monetary * 2000000 + t.total) / (2 * t.total)
       END AS share_ahead
FROM ranked r CROSS JOIN total t;
CREATE UNIQUE INDEX contribution_id ON contribution(id);

-- The products above must stay within 64-bit integers (SQLite would silently turn to REAL).
DROP TABLE IF EXISTS checks;
CREATE TABLE checks AS
SELECT 'the total revenue is too large for exact shares in 64-bit integers' AS problem
FROM (SELECT max(total) AS total FROM contribution) WHERE total > 4000000000000;
