-- rules/rfm-segments/kpis.strata in SQL, after kpi_inputs.sql, with the segments of
-- rfm-segments.sql now (`expected`) and in the previous run (`prev_expected`); kpis.sql computes
-- and compares the values. Churn: a segment that still buys then (all but lost and no_orders),
-- lost now; no previous segment (a customer new to the data) is not counted.

UPDATE kpi_inputs SET
  churn_base = coalesce((SELECT p.segment NOT IN ('lost', 'no_orders') FROM prev_expected p
                         WHERE p.id = kpi_inputs.id), 0);
UPDATE kpi_inputs SET
  churn_lost = churn_base AND (SELECT e.segment = 'lost' FROM expected e WHERE e.id = kpi_inputs.id);

INSERT INTO kpi_membership SELECT 'segment', segment, id FROM expected;
INSERT INTO kpi_groups VALUES
  ('segment', 'champions'), ('segment', 'loyal_customers'), ('segment', 'potential_loyalist'),
  ('segment', 'new_customers'), ('segment', 'promising'), ('segment', 'need_attention'),
  ('segment', 'about_to_sleep'), ('segment', 'at_risk'), ('segment', 'cant_lose_them'),
  ('segment', 'hibernating'), ('segment', 'lost'), ('segment', 'no_orders');
INSERT INTO kpi_modules VALUES ('nps'), ('clv'), ('churn');
INSERT INTO kpi_defs VALUES
  ('customers_segment', 'segment', 'customers'),
  ('customer_share_segment', 'segment', 'customer_share'),
  ('revenue_share_segment', 'segment', 'revenue_share'),
  ('aov_segment', 'segment', 'aov'),
  ('repurchase_segment', 'segment', 'repurchase_rate'),
  ('clv_segment', 'segment', 'clv'),
  ('nps_segment', 'segment', 'nps'),
  ('recency_segment', 'segment', 'recency');
