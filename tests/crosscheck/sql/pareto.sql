-- rules/pareto: the 80/20 rule, from contribution (contribution.sql): head while the customers
-- ahead hold less than 80% of the revenue, otherwise (and with no revenue at all) tail.
-- Output: `expected(id, pareto)`, and in `notes` how far the engine's 6-place shares are from the
-- exact rule ((running - monetary) / total < 80%, in integers), for the log.

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
SELECT id,
       CASE WHEN share_ahead < 800000 THEN 'head'     -- param pareto_share: decimal = 80%
            ELSE 'tail' END AS pareto
FROM contribution;

DROP TABLE IF EXISTS notes;
CREATE TABLE notes AS
SELECT printf('head: %d customers holding %.4f%% of the revenue; with exact shares %d customers '
              || '(%d differ from the 6-place shares)',
              sum(share_ahead < 800000),
              100.0 * sum(CASE WHEN share_ahead < 800000 THEN monetary ELSE 0 END) / max(total),
              sum((running - monetary) * 10 < 8 * total),
              sum((share_ahead < 800000) != ((running - monetary) * 10 < 8 * total))) AS note
FROM contribution;
