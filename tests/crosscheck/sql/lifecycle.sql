-- rules/lifecycle: the six stages, from facts (measures.sql), as one nested CASE written from the
-- definitions (never ordered; first order at most 90 days ago; otherwise by the last order: at
-- most 180 days ago is active, more than 365 churned, in between dormant; an active customer of
-- more than 365 days with at least 6 orders in the window is mature, else growing).
-- Output: `expected(id, lifecycle)`.

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
SELECT id,
       CASE
         WHEN orders = 0 THEN 'prospect'                 -- never ordered
         WHEN tenure_days <= 90 THEN 'new'               -- param new_days: int = 90
         WHEN recency <= 180 THEN                        -- param dormant_days: int = 180
           CASE WHEN tenure_days > 365                   -- param mature_days: int = 365
                 AND frequency >= 6                      -- param mature_orders: int = 6
                THEN 'mature' ELSE 'growing' END
         WHEN recency <= 365 THEN 'dormant'              -- param churn_days: int = 365
         ELSE 'churned'
       END AS lifecycle
FROM facts;
