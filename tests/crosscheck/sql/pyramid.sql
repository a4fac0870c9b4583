-- rules/pyramid: the value pyramid by revenue contribution, from contribution (contribution.sql):
-- top while the customers ahead hold less than 50% of the revenue, large less than 80%, middle
-- less than 95%, otherwise (and with no revenue at all) small. Output: `expected(id, pyramid)`.

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
SELECT id,
       CASE WHEN share_ahead < 500000 THEN 'top'      -- param top_share: decimal = 50%
            WHEN share_ahead < 800000 THEN 'large'    -- param large_share: decimal = 80%
            WHEN share_ahead < 950000 THEN 'middle'   -- param middle_share: decimal = 95%
            ELSE 'small' END AS pyramid
FROM contribution;
