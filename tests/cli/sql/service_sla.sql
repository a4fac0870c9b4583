-- The SOPs and KPIs of rules/service-sop (service.strata, kpis.strata) computed in SQLite, for
-- the second of two runs: a first run at `run1` (no state) and the run checked, at `run2`, with
-- the state the first one wrote.
--
-- Input tables (CSV columns as TEXT):
--   sla_params(run1, run2, variant)  the two run dates; variant 'shipped' (the rule set as it
--       is) or 'wallclock' (its `respond` obligations rewritten without the calendar: the VIP
--       one `within 2h warn 1h before`, the standard one `within 1d warn 20h before`)
--   customers, touches                the data (touches: customer_id, at, kind, level, answered_at)
--   tiers_run1(id, rfm, pyramid), expected(id, rfm, pyramid, ...)  retail_tiers.sql at each date
--   strata_tiers   `strata run --out` of the second run (id and one column per tiering)
--   strata_status  `strata run --sop-status` of the second run, one row per JSON line
--   strata_kpis    `strata kpi --format csv` of the second run
--   strata_compliance(sop, scope, compliant, customers), strata_status_counts(sop, number, ok,
--       due_soon, overdue, violated)  parsed from the second run's summary
-- Output: `comparisons(what, key, sql_value, strata_value)`, one row per value compared, and
-- `sla_disagreements`, the rows whose values differ.
--
-- What SQL computes and what it takes from strata: every `every PERIOD` obligation (events, last,
-- due, status, overdue seconds) and every wall-clock `respond` obligation (also open and late
-- counts, the earliest open deadline) are computed here from the definitions in docs/sop.md. A
-- `respond ... on CALENDAR` deadline is business-hours arithmetic (a time zone, a lunch break,
-- holidays, exchanged working days): for those obligations SQL computes the events, open events
-- and last event only, and the status that compliance counts is strata's own (`strata_status`).
-- Compliance, its grouping by service level and every KPI are then computed here, from these
-- statuses, and compared as exact text. Times are integer Unix seconds of the wall-clock times
-- (no time zone: a cadence needs none); calendar months are added by hand, clamped to the
-- month's last day, because SQLite's '+1 month' rolls 01-31 over into March.

-- The run's time: the end of its date (docs/sop.md, "The run's date and time").
DROP TABLE IF EXISTS run_clock;
CREATE TABLE run_clock AS
SELECT run1, run2, variant, unixepoch(run2) + 86400 AS now FROM sla_params;

-- service.strata: tiering service_level (vip / standard / basic, `hold demote 2`).
DROP TABLE IF EXISTS levels;
CREATE TABLE levels AS
WITH raw AS (
  SELECT e.id,
         CASE WHEN e.rfm = 'important_value' OR e.pyramid = 'top' THEN 'vip'
              WHEN e.pyramid IN ('large', 'middle') THEN 'standard'
              ELSE 'basic' END AS raw2,
         CASE WHEN p.rfm = 'important_value' OR p.pyramid = 'top' THEN 'vip'
              WHEN p.pyramid IN ('large', 'middle') THEN 'standard'
              WHEN p.id IS NOT NULL THEN 'basic' END AS level1
  FROM expected e
  LEFT JOIN tiers_run1 p ON p.id = e.id
), ranked AS (
  SELECT id, raw2, level1,
         CASE raw2 WHEN 'vip' THEN 0 WHEN 'standard' THEN 1 ELSE 2 END AS rank2,
         CASE level1 WHEN 'vip' THEN 0 WHEN 'standard' THEN 1 WHEN 'basic' THEN 2 END AS rank1
  FROM raw
)
SELECT r.id, r.level1, r.raw2,
       -- The first run placed every customer without a hold streak, so a move down in the
       -- second run is the first of the two `hold demote 2` needs: the level stays. A move up
       -- (promote defaults to 1) and no move take the new level.
       CASE WHEN r.level1 IS NOT NULL AND r.rank2 > r.rank1 THEN r.level1 ELSE r.raw2 END AS level2,
       -- The customer came under its level's SOP (`since`) at the first run unless its level
       -- changed; it was first seen (`for all` SOPs) at the first run.
       CASE WHEN r.level1 IS NOT NULL AND (r.rank2 >= r.rank1) THEN k.run1 ELSE k.run2 END AS since,
       CASE WHEN r.level1 IS NOT NULL THEN k.run1 ELSE k.run2 END AS seen
FROM ranked r CROSS JOIN run_clock k;

-- Which SOP covers whom, and since when its clock runs when there is no `from` date.
DROP TABLE IF EXISTS sop_members;
CREATE TABLE sop_members AS
SELECT id, CASE level2 WHEN 'vip' THEN 'vip_service' WHEN 'standard' THEN 'standard_service'
                       ELSE 'automated' END AS sop,
       since AS start_day
FROM levels
UNION ALL
SELECT id, 'pool_recycle', seen FROM levels;  -- sop pool_recycle ... for all

-- The obligations as written in service.strata. `months`/`days`: the cadence; `within`/`warn`:
-- a respond window in wall-clock seconds, NULL when it is measured on the `workdays` calendar.
DROP TABLE IF EXISTS obligations;
CREATE TABLE obligations(sop TEXT, number INTEGER, kind TEXT, months INTEGER, days INTEGER,
                         within INTEGER, warn INTEGER);
INSERT INTO obligations
SELECT 'vip_service', 1, 'respond', NULL, NULL,           -- within 1h on workdays warn 15min
       CASE variant WHEN 'wallclock' THEN 7200 END,       -- (wallclock: within 2h
       CASE variant WHEN 'wallclock' THEN 3600 END        --  warn 1h before)
FROM run_clock
UNION ALL SELECT 'vip_service', 2, 'every', 1, NULL, NULL, NULL          -- every 1mo
UNION ALL
SELECT 'standard_service', 1, 'respond', NULL, NULL,      -- within 4h on workdays
       CASE variant WHEN 'wallclock' THEN 86400 END,      -- (wallclock: within 1d
       CASE variant WHEN 'wallclock' THEN 72000 END       --  warn 20h before)
FROM run_clock
UNION ALL SELECT 'standard_service', 2, 'every', 3, NULL, NULL, NULL     -- every 1q
UNION ALL SELECT 'automated', 1, 'every', 1, NULL, NULL, NULL            -- every 1mo
UNION ALL SELECT 'pool_recycle', 1, 'every', NULL, 30, NULL, NULL;       -- every 30d

-- Touches as Unix seconds; a missing answer is NULL.
DROP TABLE IF EXISTS touch_facts;
CREATE TABLE touch_facts AS
SELECT customer_id AS id, unixepoch(at) AS ts, kind, level,
       CASE WHEN answered_at <> '' THEN unixepoch(answered_at) END AS answered
FROM touches;
CREATE INDEX touch_facts_id ON touch_facts(id);

-- The events each obligation counts: its filter, at a time before the run's time.
DROP TABLE IF EXISTS matches;
CREATE TABLE matches AS
SELECT m.sop, o.number, m.id, t.ts, t.answered
FROM sop_members m
JOIN obligations o ON o.sop = m.sop
JOIN touch_facts t ON t.id = m.id
CROSS JOIN run_clock k
WHERE t.ts < k.now
  AND CASE
        -- vip_service: respond Touch where kind == ticket;
        --              every 1mo Touch where kind == visit and level == executive
        WHEN o.sop = 'vip_service' AND o.number = 1 THEN t.kind = 'ticket'
        WHEN o.sop = 'vip_service' AND o.number = 2 THEN t.kind = 'visit' AND t.level = 'executive'
        -- standard_service: respond Touch where kind == ticket;
        --                   every 1q Touch where kind in [call, visit]
        WHEN o.sop = 'standard_service' AND o.number = 1 THEN t.kind = 'ticket'
        WHEN o.sop = 'standard_service' AND o.number = 2 THEN t.kind IN ('call', 'visit')
        -- automated: every 1mo Touch where kind == email
        WHEN o.sop = 'automated' THEN t.kind = 'email'
        -- pool_recycle: every 30d Touch where kind in [call, visit]
        WHEN o.sop = 'pool_recycle' THEN t.kind IN ('call', 'visit')
      END;
CREATE INDEX matches_key ON matches(sop, number, id);

-- `every P EVENTS from signed_on`: due P after the later of the last event and the start (the
-- contract date, else the day the customer came under the SOP).
DROP TABLE IF EXISTS cadence;
CREATE TABLE cadence AS
WITH counted AS (
  SELECT sop, number, id, count(*) AS events, max(ts) AS last
  FROM matches GROUP BY sop, number, id
), base AS (
  SELECT m.id, m.sop, o.number, o.months, o.days,
         coalesce(x.events, 0) AS events, x.last,
         CASE WHEN c.signed_on <> '' THEN unixepoch(c.signed_on) ELSE unixepoch(m.start_day) END
           AS start
  FROM sop_members m
  JOIN obligations o ON o.sop = m.sop AND o.kind = 'every'
  JOIN customers c ON c.id = m.id
  LEFT JOIN counted x ON x.sop = m.sop AND x.number = o.number AND x.id = m.id
), anchored AS (
  SELECT *, CASE WHEN last IS NOT NULL AND last > start THEN last ELSE start END AS anchor
  FROM base
), split AS (  -- the anchor's calendar month, moved by `months`, and its day and time of day
  SELECT *,
         CAST(strftime('%Y', anchor, 'unixepoch') AS INTEGER) * 12
           + CAST(strftime('%m', anchor, 'unixepoch') AS INTEGER) - 1 + coalesce(months, 0)
           AS month_index,
         CAST(strftime('%d', anchor, 'unixepoch') AS INTEGER) AS day_of_month,
         anchor - unixepoch(date(anchor, 'unixepoch')) AS time_of_day
  FROM anchored
), due AS (
  SELECT *,
         CASE WHEN days IS NOT NULL THEN anchor + days * 86400
              ELSE unixepoch(printf('%04d-%02d-01', month_index / 12, month_index % 12 + 1))
                   + (min(day_of_month,
                          CAST(strftime('%d', printf('%04d-%02d-01', month_index / 12,
                                                     month_index % 12 + 1),
                                        '+1 month', '-1 day') AS INTEGER)) - 1) * 86400
                   + time_of_day END AS due_ts
  FROM split
)
SELECT d.id, d.sop, d.number, d.events, d.last, d.due_ts,
       CASE WHEN k.now > d.due_ts THEN 'overdue' ELSE 'ok' END AS status,  -- no `warn` here
       CASE WHEN k.now > d.due_ts THEN k.now - d.due_ts END AS overdue_seconds
FROM due d CROSS JOIN run_clock k;

-- `respond EVENTS within D`: each event's deadline is D after it; answered when its answer is
-- before the run's time; late when answered after the deadline, overdue when open past it,
-- due soon when open inside the warning time. On a calendar only the counts that need no
-- deadline are computed (`computed` = 0).
DROP TABLE IF EXISTS respond;
CREATE TABLE respond AS
WITH per_event AS (
  SELECT x.sop, x.number, x.id, x.ts, o.within, o.warn, k.now,
         x.ts + o.within AS deadline,
         x.answered IS NOT NULL AND x.answered < k.now AS is_answered,
         x.answered AS answer_ts
  FROM matches x
  JOIN obligations o ON o.sop = x.sop AND o.number = x.number AND o.kind = 'respond'
  CROSS JOIN run_clock k
), per_customer AS (
  SELECT m.id, m.sop, o.number, o.within IS NOT NULL AS computed,
         count(e.ts) AS events,
         coalesce(sum(NOT e.is_answered), 0) AS open,
         coalesce(sum(e.is_answered AND e.answer_ts > e.deadline), 0) AS late,
         max(e.ts) AS last,
         min(CASE WHEN NOT e.is_answered THEN e.deadline END) AS due_ts,
         max(CASE WHEN NOT e.is_answered AND e.now > e.deadline THEN e.now - e.deadline END)
           AS overdue_by,
         max(CASE WHEN e.is_answered AND e.answer_ts > e.deadline THEN e.answer_ts - e.deadline END)
           AS late_by,
         max(NOT e.is_answered AND e.now <= e.deadline AND e.warn > 0
             AND e.deadline - e.now <= e.warn) AS soon
  FROM sop_members m
  JOIN obligations o ON o.sop = m.sop AND o.kind = 'respond'
  LEFT JOIN per_event e ON e.sop = m.sop AND e.number = o.number AND e.id = m.id
  GROUP BY m.id, m.sop, o.number
)
SELECT id, sop, number, computed, events, open, last,
       CASE WHEN computed THEN late END AS late,
       CASE WHEN computed THEN due_ts END AS due_ts,
       -- The most urgent status: overdue, then violated, then due_soon.
       CASE WHEN NOT computed THEN NULL
            WHEN overdue_by IS NOT NULL THEN 'overdue'
            WHEN late_by IS NOT NULL THEN 'violated'
            WHEN soon THEN 'due_soon'
            ELSE 'ok' END AS status,
       CASE WHEN computed THEN coalesce(overdue_by, late_by) END AS overdue_seconds
FROM per_customer;

-- Every obligation of every customer under its SOP, as SQL has it.
DROP TABLE IF EXISTS sql_obligations;
CREATE TABLE sql_obligations AS
SELECT id, sop, number, 'every' AS kind, 1 AS computed, status, events, NULL AS open,
       NULL AS late, last, due_ts, overdue_seconds
FROM cadence
UNION ALL
SELECT id, sop, number, 'respond', computed, status, events, open, late, last, due_ts,
       overdue_seconds
FROM respond;

CREATE INDEX IF NOT EXISTS strata_status_key ON strata_status(id, sop, obligation);

DROP TABLE IF EXISTS final_status;  -- the status compliance counts: SQL's, or strata's on a calendar
CREATE TABLE final_status AS
SELECT o.id, o.sop, o.number, CASE WHEN o.computed THEN o.status ELSE s.status END AS status
FROM sql_obligations o
LEFT JOIN strata_status s ON s.id = o.id AND s.sop = o.sop AND s.obligation = o.number;

-- Compliance of each customer with each SOP it is under: no obligation overdue or violated.
DROP TABLE IF EXISTS sop_compliance;
CREATE TABLE sop_compliance AS
SELECT id, sop, min(coalesce(status NOT IN ('overdue', 'violated'), 0)) AS compliant
FROM final_status GROUP BY id, sop;

-- kpis.strata per customer: its level, NPS answer, whether it moved, and its compliance.
DROP TABLE IF EXISTS kpi_inputs;
CREATE TABLE kpi_inputs AS
WITH per_customer AS (
  SELECT id, count(*) > 0 AS under_any, min(compliant) AS compliant_all,
         max(sop = 'vip_service') AS under_vip,
         max(sop = 'vip_service' AND compliant) AS compliant_vip,
         max(sop = 'pool_recycle') AS under_pool,
         max(sop = 'pool_recycle' AND compliant) AS compliant_pool
  FROM sop_compliance GROUP BY id
)
SELECT l.id, l.level2 AS level,
       CASE WHEN c.nps = '' THEN NULL ELSE CAST(c.nps AS INTEGER) END AS nps,
       -- moved = count(service_level.changed and service_level.previous is not none)
       coalesce(l.level1 IS NOT NULL AND l.level2 <> l.level1, 0) AS moved,
       coalesce(p.under_any, 0) AS under_any, p.compliant_all,
       coalesce(p.under_vip, 0) AS under_vip, p.compliant_vip,
       coalesce(p.under_pool, 0) AS under_pool, p.compliant_pool
FROM levels l
JOIN customers c ON c.id = l.id
LEFT JOIN per_customer p ON p.id = l.id;

-- The groups of `by service_level` (it has an `otherwise`, so no `none` group): every tier,
-- computed even when empty, and every customer.
DROP TABLE IF EXISTS kpi_groups;
CREATE TABLE kpi_groups(grp TEXT);
INSERT INTO kpi_groups VALUES ('all'), ('vip'), ('standard'), ('basic');

DROP TABLE IF EXISTS kpi_stats;
CREATE TABLE kpi_stats AS
SELECT g.grp,
       count(i.id)                                        AS n,
       coalesce(sum(i.under_any), 0)                      AS under_all,
       coalesce(sum(i.under_any AND i.compliant_all), 0)  AS ok_all,
       coalesce(sum(i.under_vip), 0)                      AS under_vip,
       coalesce(sum(i.under_vip AND i.compliant_vip), 0)  AS ok_vip,
       coalesce(sum(i.under_pool), 0)                     AS under_pool,
       coalesce(sum(i.under_pool AND i.compliant_pool), 0) AS ok_pool,
       coalesce(sum(i.nps IS NOT NULL), 0)                AS answers,
       coalesce(sum(i.nps >= 9), 0)                       AS promoters,
       coalesce(sum(i.nps <= 6), 0)                       AS detractors,
       coalesce(sum(i.moved), 0)                          AS moved
FROM kpi_groups g
LEFT JOIN kpi_inputs i ON g.grp = 'all' OR i.level = g.grp
GROUP BY g.grp;

-- Shares in millionths, rounded half away from zero, none (NULL) over no customers:
--   round(a / b) = (2 * a * 10^6 + b) / (2 * b) for a >= 0, b > 0.
DROP TABLE IF EXISTS expected_kpis_m;
CREATE TABLE expected_kpis_m AS
WITH shares AS (
  SELECT grp, n, moved,
         CASE WHEN under_all > 0 THEN (2 * ok_all * 1000000 + under_all) / (2 * under_all) END
           AS sla,
         CASE WHEN under_vip > 0 THEN (2 * ok_vip * 1000000 + under_vip) / (2 * under_vip) END
           AS vip,
         CASE WHEN under_pool > 0
              THEN (2 * ok_pool * 1000000 + under_pool) / (2 * under_pool) END AS pool,
         -- nps = 100 * (count(nps >= 9) - count(nps <= 6)) / count(nps is not none)
         CASE WHEN answers > 0 THEN
           CASE WHEN promoters >= detractors
                THEN (2 * 100 * (promoters - detractors) * 1000000 + answers) / (2 * answers)
                ELSE -((2 * 100 * (detractors - promoters) * 1000000 + answers)
                       / (2 * answers)) END END AS nps,
         CASE WHEN answers > 0 THEN (2 * promoters * 1000000 + answers) / (2 * answers) END
           AS promoters,
         CASE WHEN answers > 0 THEN (2 * detractors * 1000000 + answers) / (2 * answers) END
           AS detractors
  FROM kpi_stats
)
SELECT 'customers_level' AS kpi, grp, n * 1000000 AS m FROM shares
UNION ALL SELECT 'sla_level', grp, sla FROM shares          -- = sla_compliance = compliance()
UNION ALL SELECT 'vip_sla', grp, vip FROM shares            -- compliance(vip_service)
UNION ALL SELECT 'pool_sla', grp, pool FROM shares          -- compliance(pool_recycle)
UNION ALL SELECT 'nps_level', grp, nps FROM shares
UNION ALL SELECT 'moved', grp, moved * 1000000 FROM shares
-- The standard modules' KPIs, over every customer only.
UNION ALL SELECT 'sla_compliance', grp, sla FROM shares WHERE grp = 'all'
UNION ALL SELECT 'nps', grp, nps FROM shares WHERE grp = 'all'
UNION ALL SELECT 'nps_promoters', grp, promoters FROM shares WHERE grp = 'all'
UNION ALL SELECT 'nps_detractors', grp, detractors FROM shares WHERE grp = 'all';

-- Millionths as strata writes exact decimals: the shortest text ("0.375", "-50", "66.666667").
DROP TABLE IF EXISTS expected_kpis;
CREATE TABLE expected_kpis AS
SELECT kpi, grp,
       CASE WHEN m IS NULL THEN ''
            ELSE (CASE WHEN m < 0 THEN '-' ELSE '' END) || (abs(m) / 1000000) ||
                 CASE WHEN abs(m) % 1000000 = 0 THEN ''
                      ELSE '.' || rtrim(printf('%06d', abs(m) % 1000000), '0') END
       END AS value
FROM expected_kpis_m;

-- ---- the comparisons ------------------------------------------------------------------------

-- The summary's compliance rows: one per SOP and tier it is for, with no customers too.
DROP TABLE IF EXISTS expected_compliance;
CREATE TABLE expected_compliance AS
WITH scopes(sop, scope) AS (
  VALUES ('vip_service', 'service_level.vip'), ('standard_service', 'service_level.standard'),
         ('automated', 'service_level.basic'), ('pool_recycle', 'all')
)
SELECT g.sop, g.scope, coalesce(sum(c.compliant), 0) AS compliant, count(c.id) AS customers
FROM scopes g LEFT JOIN sop_compliance c ON c.sop = g.sop
GROUP BY g.sop, g.scope;

DROP TABLE IF EXISTS expected_status_counts;
CREATE TABLE expected_status_counts AS
SELECT o.sop, o.number,
       coalesce(sum(f.status = 'ok'), 0) AS ok, coalesce(sum(f.status = 'due_soon'), 0) AS due_soon,
       coalesce(sum(f.status = 'overdue'), 0) AS overdue,
       coalesce(sum(f.status = 'violated'), 0) AS violated
FROM obligations o LEFT JOIN final_status f ON f.sop = o.sop AND f.number = o.number
GROUP BY o.sop, o.number;

-- Datetimes as strata writes them.
DROP TABLE IF EXISTS sql_status_text;
CREATE TABLE sql_status_text AS
SELECT id, sop, number, kind, computed, status, events, open, late,
       strftime('%Y-%m-%dT%H:%M:%S', last, 'unixepoch') AS last,
       strftime('%Y-%m-%dT%H:%M:%S', due_ts, 'unixepoch') AS due,
       overdue_seconds
FROM sql_obligations;

DROP TABLE IF EXISTS comparisons;
CREATE TABLE comparisons(what TEXT, key TEXT, sql_value TEXT, strata_value TEXT);

-- Each customer's service level (hold included).
INSERT INTO comparisons
SELECT 'service_level', l.id, l.level2, s.service_level
FROM levels l LEFT JOIN strata_tiers s ON s.id = l.id
UNION ALL
SELECT 'service_level', s.id, NULL, s.service_level
FROM strata_tiers s WHERE s.id NOT IN (SELECT id FROM levels);

-- Each obligation of each customer under its SOP: a status line exactly where SQL expects one.
INSERT INTO comparisons
SELECT 'status line', o.id || ' ' || o.sop || '#' || o.number, 'present',
       CASE WHEN s.id IS NOT NULL THEN 'present' END
FROM sql_obligations o
LEFT JOIN strata_status s ON s.id = o.id AND s.sop = o.sop AND s.obligation = o.number
UNION ALL
SELECT 'status line', s.id || ' ' || s.sop || '#' || s.obligation, NULL, 'present'
FROM strata_status s
LEFT JOIN sql_obligations o ON s.id = o.id AND s.sop = o.sop AND s.obligation = o.number
WHERE o.id IS NULL;

-- Its fields: everything SQL computes (on a calendar: events, open and last only).
DROP TABLE IF EXISTS status_pairs;
CREATE TABLE status_pairs AS
SELECT o.id || ' ' || o.sop || '#' || o.number AS key, o.kind, o.computed,
       o.kind AS sql_kind, s.kind AS strata_kind, o.status AS sql_status, s.status AS strata_status,
       o.events AS sql_events, s.events AS strata_events, o.open AS sql_open, s.open AS strata_open,
       o.late AS sql_late, s.late AS strata_late, o.last AS sql_last, s.last AS strata_last,
       o.due AS sql_due, s.due AS strata_due,
       o.overdue_seconds AS sql_overdue, s.overdue_seconds AS strata_overdue
FROM sql_status_text o
JOIN strata_status s ON s.id = o.id AND s.sop = o.sop AND s.obligation = o.number;

INSERT INTO comparisons
SELECT 'status.kind', key, sql_kind, strata_kind FROM status_pairs
UNION ALL SELECT 'status.events', key, sql_events, strata_events FROM status_pairs
UNION ALL SELECT 'status.last', key, sql_last, strata_last FROM status_pairs
UNION ALL SELECT 'status.open', key, sql_open, strata_open FROM status_pairs
  WHERE kind = 'respond'
UNION ALL SELECT 'status.status', key, sql_status, strata_status FROM status_pairs WHERE computed
UNION ALL SELECT 'status.due', key, sql_due, strata_due FROM status_pairs WHERE computed
UNION ALL SELECT 'status.overdue_seconds', key, sql_overdue, strata_overdue FROM status_pairs
  WHERE computed
UNION ALL SELECT 'status.late', key, sql_late, strata_late FROM status_pairs
  WHERE computed AND kind = 'respond';

-- The run summary: compliance per SOP and tier, statuses per obligation.
INSERT INTO comparisons
SELECT 'summary compliance', e.sop || ' ' || e.scope, e.compliant || ' / ' || e.customers,
       s.compliant || ' / ' || s.customers
FROM expected_compliance e LEFT JOIN strata_compliance s ON s.sop = e.sop AND s.scope = e.scope
UNION ALL
SELECT 'summary compliance', s.sop || ' ' || s.scope, NULL, s.compliant || ' / ' || s.customers
FROM strata_compliance s
LEFT JOIN expected_compliance e ON s.sop = e.sop AND s.scope = e.scope WHERE e.sop IS NULL;

INSERT INTO comparisons
SELECT 'summary statuses', e.sop || '#' || e.number,
       e.ok || ' ' || e.due_soon || ' ' || e.overdue || ' ' || e.violated,
       s.ok || ' ' || s.due_soon || ' ' || s.overdue || ' ' || s.violated
FROM expected_status_counts e
LEFT JOIN strata_status_counts s ON s.sop = e.sop AND s.number = e.number;

-- Every KPI of every group, as exact text; a KPI row strata has and SQL does not is one too.
INSERT INTO comparisons
SELECT 'kpi ' || e.kpi, e.grp, e.value, s.value
FROM expected_kpis e LEFT JOIN strata_kpis s ON s.kpi = e.kpi AND s."group" = e.grp
UNION ALL
SELECT 'kpi ' || s.kpi, s."group", NULL, s.value
FROM strata_kpis s LEFT JOIN expected_kpis e ON e.kpi = s.kpi AND e.grp = s."group"
WHERE e.kpi IS NULL;

DROP TABLE IF EXISTS sla_disagreements;
CREATE TABLE sla_disagreements AS
SELECT * FROM comparisons WHERE sql_value IS NOT strata_value;
