-- rules/key-accounts/kpis.strata in SQL, after kpi_inputs.sql, with the tiers of key-accounts.sql
-- now (`expected`) and in the previous run (`prev_expected`); kpis.sql computes and compares the
-- values. The csat answers are customers.csv's csat column. A key account's sub-tier
-- (top.important_value) is in its group and in the level's (top). Churn: top or large then,
-- middle or small now; no previous level (new to the data) is not counted.

UPDATE kpi_inputs SET
  csat = (SELECT CASE WHEN c.csat = '' THEN NULL ELSE CAST(c.csat AS INTEGER) END
          FROM customers c WHERE c.id = kpi_inputs.id),
  churn_base = coalesce((SELECT p.pyramid IN ('top', 'large') FROM prev_expected p
                         WHERE p.id = kpi_inputs.id), 0);
UPDATE kpi_inputs SET
  churn_lost = churn_base
               AND (SELECT e.pyramid IN ('middle', 'small') FROM expected e WHERE e.id = kpi_inputs.id);

INSERT INTO kpi_membership
SELECT 'key_accounts', key_accounts, id FROM expected
UNION ALL SELECT 'key_accounts', pyramid, id FROM expected WHERE key_accounts <> pyramid;
INSERT INTO kpi_groups
SELECT 'key_accounts', level FROM (SELECT 'top' AS level UNION ALL SELECT 'large')
UNION ALL
SELECT 'key_accounts', level || '.' || class
FROM (SELECT 'top' AS level UNION ALL SELECT 'large')
CROSS JOIN (SELECT 'important_value' AS class UNION ALL SELECT 'important_develop'
            UNION ALL SELECT 'important_keep' UNION ALL SELECT 'important_retain'
            UNION ALL SELECT 'general')
UNION ALL SELECT 'key_accounts', 'middle' UNION ALL SELECT 'key_accounts', 'small';
INSERT INTO kpi_modules VALUES ('nps'), ('csat'), ('clv'), ('churn');
INSERT INTO kpi_defs VALUES
  ('accounts_key', 'key_accounts', 'customers'),
  ('revenue_share_key', 'key_accounts', 'revenue_share'),
  ('aov_key', 'key_accounts', 'aov'),
  ('repurchase_key', 'key_accounts', 'repurchase_rate'),
  ('clv_key', 'key_accounts', 'clv'),
  ('clv_discounted_key', 'key_accounts', 'clv_discounted'),
  ('nps_key', 'key_accounts', 'nps'),
  ('csat_key', 'key_accounts', 'csat');
