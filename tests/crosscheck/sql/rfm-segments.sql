-- rules/rfm-segments: the 11 segments on the grid of R and FM, from scores (rfm_scores.sql).
-- FM = the mean of F and M rounded half up, i.e. (F + M + 1) / 2 in integers. The grid is written
-- out cell by cell (rows R = 5 down to 1, columns FM = 1 to 5), not as the rule file's ranges.
-- Customers without a score are `lost` when they have ordered before and `no_orders` otherwise.
-- Output: `expected(id, segment)`.

DROP TABLE IF EXISTS grid;
CREATE TABLE grid (r INTEGER, fm INTEGER, segment TEXT);
INSERT INTO grid VALUES
  (5, 1, 'new_customers'),  (5, 2, 'potential_loyalist'), (5, 3, 'potential_loyalist'),
  (5, 4, 'champions'),      (5, 5, 'champions'),
  (4, 1, 'promising'),      (4, 2, 'potential_loyalist'), (4, 3, 'potential_loyalist'),
  (4, 4, 'loyal_customers'), (4, 5, 'loyal_customers'),
  (3, 1, 'about_to_sleep'), (3, 2, 'about_to_sleep'),     (3, 3, 'need_attention'),
  (3, 4, 'loyal_customers'), (3, 5, 'loyal_customers'),
  (2, 1, 'hibernating'),    (2, 2, 'hibernating'),        (2, 3, 'at_risk'),
  (2, 4, 'at_risk'),        (2, 5, 'cant_lose_them'),
  (1, 1, 'lost'),           (1, 2, 'lost'),               (1, 3, 'at_risk'),
  (1, 4, 'at_risk'),        (1, 5, 'cant_lose_them');

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
SELECT s.id,
       CASE WHEN s.r_score IS NOT NULL THEN g.segment
            WHEN f.orders > 0 THEN 'lost'
            ELSE 'no_orders' END AS segment
FROM scores s
JOIN facts f ON f.id = s.id
LEFT JOIN grid g ON g.r = s.r_score AND g.fm = (s.f_score + s.m_score + 1) / 2;
