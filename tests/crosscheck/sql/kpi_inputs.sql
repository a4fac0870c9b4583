-- The per-customer inputs of the KPIs shared by the models' KPI files (kpis-MODEL.sql), from facts
-- (measures.sql) and the survey answers of customers.csv: `kpi_inputs(id, frequency, monetary,
-- recency, nps, csat, churn_base, churn_lost, won_back)`, the last three 0 until the model's file
-- sets them from the tiers now (`expected`) and in the previous run (`prev_expected`). A csat
-- column is optional (only rules/key-accounts/data has one); without it csat is NULL. Also
-- creates the empty tables the model's file fills (kpi_membership, kpi_groups, kpi_modules,
-- kpi_defs).

DROP TABLE IF EXISTS kpi_inputs;
CREATE TABLE kpi_inputs AS
SELECT f.id, f.frequency, f.monetary, f.recency,
       CASE WHEN c.nps = '' THEN NULL ELSE CAST(c.nps AS INTEGER) END AS nps,
       NULL AS csat,
       0 AS churn_base, 0 AS churn_lost, 0 AS won_back
FROM facts f
JOIN customers c ON c.id = f.id;
CREATE UNIQUE INDEX kpi_inputs_id ON kpi_inputs(id);
-- The model's file looks each customer's tiers up, now and then, and its answers.
CREATE UNIQUE INDEX IF NOT EXISTS customers_id ON customers(id);
CREATE UNIQUE INDEX IF NOT EXISTS expected_id ON expected(id);
CREATE UNIQUE INDEX IF NOT EXISTS prev_expected_id ON prev_expected(id);

DROP TABLE IF EXISTS kpi_membership;
CREATE TABLE kpi_membership(tiering TEXT, grp TEXT, id TEXT);
DROP TABLE IF EXISTS kpi_groups;
CREATE TABLE kpi_groups(tiering TEXT, grp TEXT);
DROP TABLE IF EXISTS kpi_modules;
CREATE TABLE kpi_modules(module TEXT);
DROP TABLE IF EXISTS kpi_defs;
CREATE TABLE kpi_defs(kpi TEXT, tiering TEXT, measure TEXT);
