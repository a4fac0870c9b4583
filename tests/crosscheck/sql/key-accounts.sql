-- rules/key-accounts, from facts (measures.sql) and contribution (contribution.sql): the value
-- pyramid as in rules/pyramid; the key accounts (top and large) scored against each other, R, F
-- and M by NTILE(5) over the key accounts only (ties by id), high = above the key accounts' mean
-- score (integer millionths, half up); the 8 classes (rfm8_classes.sql) for key accounts,
-- `not_scored` for the others; and the combined tier: `top.<class>` or `large.<class>` for the
-- four important classes, `top.general` / `large.general` for the general ones, `middle` and
-- `small` as they are.
-- Output: `expected(id, pyramid, rfm, key_accounts)`.

DROP TABLE IF EXISTS levels;
CREATE TABLE levels AS
SELECT id,
       CASE WHEN share_ahead < 500000 THEN 'top'
            WHEN share_ahead < 800000 THEN 'large'
            WHEN share_ahead < 950000 THEN 'middle'
            ELSE 'small' END AS pyramid
FROM contribution;
CREATE UNIQUE INDEX levels_id ON levels(id);

DROP TABLE IF EXISTS key_scores;
CREATE TABLE key_scores AS
WITH key AS (
  SELECT f.* FROM facts f JOIN levels l ON l.id = f.id WHERE l.pyramid IN ('top', 'large')
)
SELECT k.id,
       6 - NTILE(5) OVER (ORDER BY k.recency, k.id) AS r_score,
       NTILE(5) OVER (ORDER BY k.frequency, k.id) AS f_score,
       NTILE(5) OVER (ORDER BY k.monetary, k.id) AS m_score
FROM key k;
CREATE UNIQUE INDEX key_scores_id ON key_scores(id);

DROP TABLE IF EXISTS key_means;
CREATE TABLE key_means AS SELECT
  (sum(r_score) * 2000000 + count(*)) / (2 * count(*)) AS r_mean,
  (sum(f_score) * 2000000 + count(*)) / (2 * count(*)) AS f_mean,
  (sum(m_score) * 2000000 + count(*)) / (2 * count(*)) AS m_mean
FROM key_scores;

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
WITH classed AS (
  SELECT l.id, l.pyramid, coalesce(k.rfm, 'not_scored') AS rfm
  FROM levels l
  LEFT JOIN key_scores s ON s.id = l.id
  CROSS JOIN key_means mu
  LEFT JOIN rfm8_classes k
    ON k.r_high = (s.r_score * 1000000 > mu.r_mean)
   AND k.f_high = (s.f_score * 1000000 > mu.f_mean)
   AND k.m_high = (s.m_score * 1000000 > mu.m_mean)
)
SELECT id, pyramid, rfm,
       CASE WHEN pyramid IN ('top', 'large') THEN
              pyramid || '.' || CASE WHEN rfm LIKE 'important\_%' ESCAPE '\' THEN rfm
                                     ELSE 'general' END
            ELSE pyramid END AS key_accounts
FROM classed;
