-- The KPIs of rules/retail/kpis.strata in SQLite: what is particular to the retail sample, for the
-- shared KPI model of tests/crosscheck/sql (kpi_inputs.sql before this file, kpis.sql after it,
-- which computes every value and compares it with strata's output).
--
-- Needs: `measures` and `expected(id, rfm, pyramid, lifecycle)` of retail_tiers.sql at the run's
-- as_of, `prev_expected(id, lifecycle)` from retail_tiers.sql at the previous run's as_of, and
-- kpi_inputs.sql's tables over `facts`, the view of `measures` that sqlite_kpis.sh makes.

-- churn_base / churn_lost as in kpis.strata:
--   let churn_base = lifecycle.previous in [new, growing, mature]
--   let churn_lost = churn_base and lifecycle is churned
UPDATE kpi_inputs SET
  churn_base = coalesce((SELECT p.lifecycle IN ('new', 'growing', 'mature') FROM prev_expected p
                         WHERE p.id = kpi_inputs.id), 0);
UPDATE kpi_inputs SET
  churn_lost = churn_base
               AND (SELECT e.lifecycle = 'churned' FROM expected e WHERE e.id = kpi_inputs.id);

INSERT INTO kpi_membership
SELECT 'rfm', rfm, id FROM expected
UNION ALL SELECT 'pyramid', pyramid, id FROM expected
UNION ALL SELECT 'lifecycle', lifecycle, id FROM expected;
INSERT INTO kpi_groups VALUES
  ('rfm', 'important_value'), ('rfm', 'important_develop'), ('rfm', 'important_keep'),
  ('rfm', 'important_retain'), ('rfm', 'general_value'), ('rfm', 'general_develop'),
  ('rfm', 'general_keep'), ('rfm', 'general_retain'),
  ('pyramid', 'top'), ('pyramid', 'large'), ('pyramid', 'middle'), ('pyramid', 'small'),
  ('lifecycle', 'prospect'), ('lifecycle', 'churned'), ('lifecycle', 'dormant'),
  ('lifecycle', 'new'), ('lifecycle', 'mature'), ('lifecycle', 'growing');
INSERT INTO kpi_modules VALUES ('nps'), ('clv'), ('churn');
INSERT INTO kpi_defs VALUES
  ('customers_rfm', 'rfm', 'customers'),
  ('nps_rfm', 'rfm', 'nps'),
  ('repurchase_rfm', 'rfm', 'repurchase_rate'),
  ('churn_rfm', 'rfm', 'churn_rate'),
  ('revenue_share_pyramid', 'pyramid', 'revenue_share'),
  ('aov_pyramid', 'pyramid', 'aov'),
  ('clv_pyramid', 'pyramid', 'clv'),
  ('clv_discounted_pyramid', 'pyramid', 'clv_discounted'),
  ('customers_lifecycle', 'lifecycle', 'customers'),
  ('recency_lifecycle', 'lifecycle', 'recency');
