-- R, F and M scores of rules/rfm-8/scores.strata (also used by rules/rfm-segments), from facts
-- (measures.sql). Scored customers: at least one order in the window. A score is the bucket of
-- NTILE(5) over the scored customers ordered by the measure, ties by customer id (binary
-- collation, as the engine's key order); R counts down, so the most recent fifth has R = 5.
-- Output: `scores(id, r_score, f_score, m_score)`, NULL scores for customers not scored.

DROP TABLE IF EXISTS scores;
CREATE TABLE scores AS
SELECT f.id,
       6 - r.q AS r_score,
       fq.q AS f_score,
       m.q AS m_score
FROM facts f
LEFT JOIN (SELECT id, NTILE(5) OVER (ORDER BY recency, id) AS q FROM facts
           WHERE frequency > 0) r ON r.id = f.id
LEFT JOIN (SELECT id, NTILE(5) OVER (ORDER BY frequency, id) AS q FROM facts
           WHERE frequency > 0) fq ON fq.id = f.id
LEFT JOIN (SELECT id, NTILE(5) OVER (ORDER BY monetary, id) AS q FROM facts
           WHERE frequency > 0) m ON m.id = f.id;
CREATE UNIQUE INDEX scores_id ON scores(id);
