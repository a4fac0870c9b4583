-- rules/pareto/kpis.strata in SQL, after kpi_inputs.sql, with the head and tail of pareto.sql in
-- `expected`; kpis.sql computes and compares the values.

INSERT INTO kpi_membership SELECT 'pareto', pareto, id FROM expected;
INSERT INTO kpi_groups VALUES ('pareto', 'head'), ('pareto', 'tail');
INSERT INTO kpi_modules VALUES ('nps'), ('clv');
INSERT INTO kpi_defs VALUES
  ('customers_pareto', 'pareto', 'customers'),
  ('customer_share_pareto', 'pareto', 'customer_share'),
  ('revenue_share_pareto', 'pareto', 'revenue_share'),
  ('aov_pareto', 'pareto', 'aov'),
  ('repurchase_pareto', 'pareto', 'repurchase_rate'),
  ('clv_pareto', 'pareto', 'clv'),
  ('clv_discounted_pareto', 'pareto', 'clv_discounted'),
  ('nps_pareto', 'pareto', 'nps');
