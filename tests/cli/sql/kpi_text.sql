-- KPI values as strata writes exact decimals, for the SQL models of the KPI cross-checks
-- (retail_kpis.sql, service_sla.sql). Read before the model: the view reads the model's
-- `expected_kpis_m(kpi, grp, m)`, each value in integer millionths (NULL: none), and gives
-- `expected_kpis(kpi, grp, value)` with the shortest text: "0.425", "-3", "12.5", and '' for
-- none, as in `strata kpi --format csv`.
DROP VIEW IF EXISTS expected_kpis;
CREATE VIEW expected_kpis AS
SELECT kpi, grp,
       CASE WHEN m IS NULL THEN ''
            ELSE (CASE WHEN m < 0 THEN '-' ELSE '' END) || (abs(m) / 1000000) ||
                 CASE WHEN abs(m) % 1000000 = 0 THEN ''
                      ELSE '.' || rtrim(printf('%06d', abs(m) % 1000000), '0') END
       END AS value
FROM expected_kpis_m;
