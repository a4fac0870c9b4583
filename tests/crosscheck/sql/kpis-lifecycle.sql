-- rules/lifecycle/kpis.strata in SQL, after kpi_inputs.sql, with the stages of lifecycle.sql now
-- (`expected`) and in the previous run (`prev_expected`); kpis.sql computes and compares the
-- values. Churn: not churned then (new, growing, mature, dormant), churned now. Won back: dormant
-- or churned then, growing or mature now. No previous stage (new to the data) counts as neither.

UPDATE kpi_inputs SET
  churn_base = coalesce((SELECT p.lifecycle IN ('new', 'growing', 'mature', 'dormant')
                         FROM prev_expected p WHERE p.id = kpi_inputs.id), 0),
  won_back = coalesce((SELECT p.lifecycle IN ('dormant', 'churned') AND e.lifecycle IN ('growing', 'mature')
                       FROM prev_expected p JOIN expected e ON e.id = p.id
                       WHERE p.id = kpi_inputs.id), 0);
UPDATE kpi_inputs SET
  churn_lost = churn_base
               AND (SELECT e.lifecycle = 'churned' FROM expected e WHERE e.id = kpi_inputs.id);

INSERT INTO kpi_membership SELECT 'lifecycle', lifecycle, id FROM expected;
INSERT INTO kpi_groups VALUES
  ('lifecycle', 'prospect'), ('lifecycle', 'new'), ('lifecycle', 'growing'),
  ('lifecycle', 'mature'), ('lifecycle', 'dormant'), ('lifecycle', 'churned');
INSERT INTO kpi_modules VALUES ('nps'), ('clv'), ('churn');
INSERT INTO kpi_defs VALUES
  ('customers_lifecycle', 'lifecycle', 'customers'),
  ('customer_share_lifecycle', 'lifecycle', 'customer_share'),
  ('revenue_share_lifecycle', 'lifecycle', 'revenue_share'),
  ('aov_lifecycle', 'lifecycle', 'aov'),
  ('repurchase_lifecycle', 'lifecycle', 'repurchase_rate'),
  ('clv_lifecycle', 'lifecycle', 'clv'),
  ('nps_lifecycle', 'lifecycle', 'nps'),
  ('recency_lifecycle', 'lifecycle', 'recency'),
  ('won_back_customers', '', 'won_back');
