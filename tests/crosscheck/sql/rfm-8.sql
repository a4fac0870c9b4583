-- rules/rfm-8: the 8 RFM classes, from scores (rfm_scores.sql). High = the score is above the mean
-- score of the scored customers; the mean is an exact decimal rounded once to 6 places, here in
-- integer millionths (all scores are positive, so half away from zero is half up). Customers
-- without a score are low on all three. The classes are the lookup table of rfm8_classes.sql.
-- Output: `expected(id, rfm)`.

DROP TABLE IF EXISTS means;
CREATE TABLE means AS SELECT
  (sum(r_score) * 2000000 + count(r_score)) / (2 * count(r_score)) AS r_mean,
  (sum(f_score) * 2000000 + count(f_score)) / (2 * count(f_score)) AS f_mean,
  (sum(m_score) * 2000000 + count(m_score)) / (2 * count(m_score)) AS m_mean
FROM scores;

DROP TABLE IF EXISTS expected;
CREATE TABLE expected AS
SELECT s.id, k.rfm
FROM scores s
CROSS JOIN means mu
JOIN rfm8_classes k
  ON k.r_high = coalesce(s.r_score * 1000000 > mu.r_mean, 0)
 AND k.f_high = coalesce(s.f_score * 1000000 > mu.f_mean, 0)
 AND k.m_high = coalesce(s.m_score * 1000000 > mu.m_mean, 0);
