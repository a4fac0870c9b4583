-- rules/rfm-8/kpis.strata in SQL, after kpi_inputs.sql, with the classes of rfm-8.sql in
-- `expected`; kpis.sql computes and compares the values.

INSERT INTO kpi_membership SELECT 'rfm', rfm, id FROM expected;
INSERT INTO kpi_groups VALUES
  ('rfm', 'important_value'), ('rfm', 'important_develop'), ('rfm', 'important_keep'),
  ('rfm', 'important_retain'), ('rfm', 'general_value'), ('rfm', 'general_develop'),
  ('rfm', 'general_keep'), ('rfm', 'general_retain');
INSERT INTO kpi_modules VALUES ('nps'), ('clv');
INSERT INTO kpi_defs VALUES
  ('customers_rfm', 'rfm', 'customers'),
  ('customer_share_rfm', 'rfm', 'customer_share'),
  ('revenue_share_rfm', 'rfm', 'revenue_share'),
  ('aov_rfm', 'rfm', 'aov'),
  ('repurchase_rfm', 'rfm', 'repurchase_rate'),
  ('clv_rfm', 'rfm', 'clv'),
  ('clv_discounted_rfm', 'rfm', 'clv_discounted'),
  ('nps_rfm', 'rfm', 'nps');
