-- rules/pyramid/kpis.strata in SQL, after kpi_inputs.sql, with the levels of pyramid.sql in
-- `expected`; kpis.sql computes and compares the values.

INSERT INTO kpi_membership SELECT 'pyramid', pyramid, id FROM expected;
INSERT INTO kpi_groups VALUES
  ('pyramid', 'top'), ('pyramid', 'large'), ('pyramid', 'middle'), ('pyramid', 'small');
INSERT INTO kpi_modules VALUES ('nps'), ('clv');
INSERT INTO kpi_defs VALUES
  ('customers_pyramid', 'pyramid', 'customers'),
  ('customer_share_pyramid', 'pyramid', 'customer_share'),
  ('revenue_share_pyramid', 'pyramid', 'revenue_share'),
  ('aov_pyramid', 'pyramid', 'aov'),
  ('purchase_frequency_pyramid', 'pyramid', 'purchase_frequency'),
  ('repurchase_pyramid', 'pyramid', 'repurchase_rate'),
  ('clv_pyramid', 'pyramid', 'clv'),
  ('clv_discounted_pyramid', 'pyramid', 'clv_discounted'),
  ('nps_pyramid', 'pyramid', 'nps');
