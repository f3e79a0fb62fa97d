-- The member-state report's summary, version 1, applied by migration ReportSummaryEvents1796140000000
-- (see src/reports/README.md).
--
-- report_monthly (events per UTC month, Member State and agency type) and report_officials (each
-- official's completion instants as a multirange) are kept by the triggers below in the transaction
-- that changes enrolments, certificates or officials, and rebuilt from the rows by
-- report_summary_rebuild(). What counts is defined once, by report_enrolment_events and
-- report_certificate_events; the triggers, the rebuild and the report's own queries all read it.

-- The UTC month an instant falls in: the key of report_monthly and of the report's months.
CREATE OR REPLACE FUNCTION report_month(instant timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_trunc('month', instant AT TIME ZONE 'UTC')::date $$;

-- What counts as a report event, for one enrolment: the enrolment in the month it started, and a
-- completion in the month it completed. One row per event; the column that is 1 says what it counts.
-- One plain SELECT, so the planner inlines it into the caller's query (no function call per row)
-- and the caller's filters on the enrolment's columns still reach their indexes. A VALUES list, not
-- UNION ALL: PostgreSQL 15 fails to plan a filter on the output of the UNION ALL form ("variable not
-- found in subplan target list").
CREATE OR REPLACE FUNCTION report_enrolment_events(e enrolments)
  RETURNS TABLE (user_id uuid, occurred_at timestamptz, enrolments integer, completions integer, certificates integer)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT e.user_id, v.occurred_at, v.enrolments, v.completions, 0
    FROM (VALUES (e.enrolled_at, 1, 0),
                 (CASE WHEN e.status = 'completed' THEN e.completed_at END, 0, 1)) v (occurred_at, enrolments, completions)
   WHERE v.occurred_at IS NOT NULL
$$;

-- ... and for one certificate: the certificate in the month it was issued, revoked or not.
CREATE OR REPLACE FUNCTION report_certificate_events(c certificates)
  RETURNS TABLE (user_id uuid, occurred_at timestamptz, enrolments integer, completions integer, certificates integer)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT c.user_id, c.issued_at, 0, 0, 1 $$;

-- Officials trained: an official counts for a period when one of their completion events falls in
-- it. This reads the completion instants of the listed officials from their enrolments into
-- report_officials. `merge_stored` adds them to what is stored: a concurrent transaction may have
-- added an instant this one's snapshot cannot see, and the upsert re-reads the stored row after
-- waiting for it. Without it the stored value is replaced, for the rare change that takes a
-- completion away. Officials being deleted (their enrolments go by cascade) no longer join and
-- are skipped: their row goes with them.
-- PL/pgSQL with a generic plan: planned once per session, not on every call (a custom plan for
-- each array costs more than the upsert of one official, measured 0.27 against 0.07 ms).
CREATE OR REPLACE FUNCTION report_officials_refresh(officials uuid[], merge_stored boolean) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(officials) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_officials AS o (user_id, member_state, agency_type, gender, completed)
  SELECT u.id, u.member_state, u.agency_type, u.gender,
         coalesce((SELECT range_agg(tstzrange(ev.occurred_at, ev.occurred_at, '[]'))
                     FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
                    WHERE e.user_id = u.id AND ev.completions > 0), '{}')
    FROM users u
   WHERE u.id = ANY (officials)
   ORDER BY u.id
  ON CONFLICT (user_id) DO UPDATE
     SET completed = CASE WHEN merge_stored THEN o.completed + EXCLUDED.completed ELSE EXCLUDED.completed END;
END $$;

-- Each trigger below adds signed events to report_monthly with the same statement: events joined
-- to their official's State and agency, summed per month, upserted in key order (so concurrent
-- transactions cannot deadlock on the summary rows). Statement-level triggers with transition
-- tables: a statement touching a million rows makes one aggregated upsert.

CREATE OR REPLACE FUNCTION report_enrolments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  PERFORM report_officials_refresh(
    ARRAY(SELECT DISTINCT ev.user_id FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev WHERE ev.completions > 0),
    true);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_enrolments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates change no event (a lesson done, a score): then nothing is counted differently.
  IF NOT EXISTS (SELECT n.id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev
                 EXCEPT ALL
                 SELECT o.id, ev.* FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev)
     AND NOT EXISTS (SELECT o.id, ev.* FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev
                     EXCEPT ALL
                     SELECT n.id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev) THEN
    RETURN NULL;
  END IF;
  -- Events the rows had before are taken out, events they have now are added: those that did not
  -- change cancel out.
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev
          UNION ALL
          SELECT ev.user_id, ev.occurred_at, -ev.enrolments, -ev.completions, -ev.certificates
            FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
  HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  -- Officials who lost a completion instant (un-completed, re-dated, moved to another official) are
  -- read again; those who gained one have it added.
  PERFORM report_officials_refresh(
    ARRAY(SELECT DISTINCT lost.user_id
            FROM (SELECT o.id, ev.* FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev WHERE ev.completions > 0
                  EXCEPT ALL
                  SELECT n.id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev) lost),
    false);
  PERFORM report_officials_refresh(
    ARRAY(SELECT DISTINCT gained.user_id
            FROM (SELECT n.id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev WHERE ev.completions > 0
                  EXCEPT ALL
                  SELECT o.id, ev.* FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev) gained),
    true);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_enrolments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.user_id, ev.occurred_at, -ev.enrolments AS enrolments, -ev.completions AS completions, -ev.certificates AS certificates
            FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  PERFORM report_officials_refresh(
    ARRAY(SELECT DISTINCT ev.user_id FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev WHERE ev.completions > 0),
    false);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_certificates_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.* FROM new_rows n CROSS JOIN LATERAL report_certificate_events(n) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_certificates_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.* FROM new_rows n CROSS JOIN LATERAL report_certificate_events(n) ev
          UNION ALL
          SELECT ev.user_id, ev.occurred_at, -ev.enrolments, -ev.completions, -ev.certificates
            FROM old_rows o CROSS JOIN LATERAL report_certificate_events(o) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
  HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_certificates_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.user_id, ev.occurred_at, -ev.enrolments AS enrolments, -ev.completions AS completions, -ev.certificates AS certificates
            FROM old_rows o CROSS JOIN LATERAL report_certificate_events(o) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  RETURN NULL;
END $$;

-- An official moving State or agency (or correcting their gender) takes their whole history
-- along: counted where they are now, as a report read from the rows would.
CREATE OR REPLACE FUNCTION report_users_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_officials o SET member_state = n.member_state, agency_type = n.agency_type, gender = n.gender
    FROM new_users n
   WHERE o.user_id = n.id AND (o.member_state, o.agency_type, o.gender) IS DISTINCT FROM (n.member_state, n.agency_type, n.gender);
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(ev.occurred_at), side.member_state, side.agency_type,
         sum(side.sign * ev.enrolments), sum(side.sign * ev.completions), sum(side.sign * ev.certificates)
    FROM (SELECT o.id, o.member_state AS old_state, o.agency_type AS old_agency, n.member_state AS new_state, n.agency_type AS new_agency
            FROM old_users o JOIN new_users n ON n.id = o.id
           WHERE (o.member_state, o.agency_type) IS DISTINCT FROM (n.member_state, n.agency_type)) m
    CROSS JOIN LATERAL (VALUES (m.old_state, m.old_agency, -1), (m.new_state, m.new_agency, 1)) side (member_state, agency_type, sign)
    CROSS JOIN LATERAL (SELECT ev.* FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev WHERE e.user_id = m.id
                        UNION ALL
                        SELECT ev.* FROM certificates c CROSS JOIN LATERAL report_certificate_events(c) ev WHERE c.user_id = m.id) ev
   GROUP BY 1, 2, 3
  HAVING sum(side.sign * ev.enrolments) <> 0 OR sum(side.sign * ev.completions) <> 0 OR sum(side.sign * ev.certificates) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  RETURN NULL;
END $$;

-- Before the row goes: its enrolments are deleted by the cascade after it, when the official can
-- no longer be joined, so their counts are taken out here.
CREATE OR REPLACE FUNCTION report_user_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), OLD.member_state, OLD.agency_type, -sum(d.enrolments), -sum(d.completions), -sum(d.certificates)
    FROM (SELECT ev.* FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev WHERE e.user_id = OLD.id
          UNION ALL
          SELECT ev.* FROM certificates c CROSS JOIN LATERAL report_certificate_events(c) ev WHERE c.user_id = OLD.id) d
   GROUP BY 1
   ORDER BY 1
  ON CONFLICT (month, member_state, agency_type) DO UPDATE
     SET enrolments = r.enrolments + EXCLUDED.enrolments,
         completions = r.completions + EXCLUDED.completions,
         certificates = r.certificates + EXCLUDED.certificates;
  RETURN OLD;
END $$;

DROP TRIGGER IF EXISTS report_enrolments_inserted ON enrolments;
CREATE TRIGGER report_enrolments_inserted AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_inserted();
DROP TRIGGER IF EXISTS report_enrolments_updated ON enrolments;
CREATE TRIGGER report_enrolments_updated AFTER UPDATE ON enrolments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_updated();
DROP TRIGGER IF EXISTS report_enrolments_deleted ON enrolments;
CREATE TRIGGER report_enrolments_deleted AFTER DELETE ON enrolments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_deleted();
DROP TRIGGER IF EXISTS report_certificates_inserted ON certificates;
CREATE TRIGGER report_certificates_inserted AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_inserted();
DROP TRIGGER IF EXISTS report_certificates_updated ON certificates;
CREATE TRIGGER report_certificates_updated AFTER UPDATE ON certificates REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_updated();
DROP TRIGGER IF EXISTS report_certificates_deleted ON certificates;
CREATE TRIGGER report_certificates_deleted AFTER DELETE ON certificates REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_deleted();
DROP TRIGGER IF EXISTS report_users_moved ON users;
CREATE TRIGGER report_users_moved AFTER UPDATE ON users REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users
  FOR EACH STATEMENT EXECUTE FUNCTION report_users_moved();
DROP TRIGGER IF EXISTS report_user_deleting ON users;
CREATE TRIGGER report_user_deleting BEFORE DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION report_user_deleting();

-- Rebuilds both tables from the rows, with the same definitions: for after restoring a partial
-- dump, and to check that what the triggers kept equals what the rows say.
CREATE OR REPLACE FUNCTION report_summary_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_monthly;
  DELETE FROM report_officials;
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.* FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
          UNION ALL
          SELECT ev.* FROM certificates c CROSS JOIN LATERAL report_certificate_events(c) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3;
  PERFORM report_officials_refresh(
    ARRAY(SELECT DISTINCT ev.user_id FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev WHERE ev.completions > 0),
    false);
END $$;
