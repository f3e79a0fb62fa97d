-- The report summary's functions and triggers as the first migration (ReportSummary1795480000000)
-- generated them from TypeScript templates, frozen here verbatim: that migration applies this file,
-- and the migration that applies v1 restores it in down(). Never edit: v1 and later replace it.

CREATE OR REPLACE FUNCTION report_enrolments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
      SELECT user_id, date_trunc('month', enrolled_at AT TIME ZONE 'UTC')::date AS month, 1 AS enrolments, 0 AS completions, 0 AS certificates FROM new_rows
      UNION ALL
      SELECT user_id, date_trunc('month', completed_at AT TIME ZONE 'UTC')::date, 0, 1, 0 FROM new_rows WHERE status = 'completed' AND completed_at IS NOT NULL) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    
    INSERT INTO report_officials AS o (user_id, member_state, agency_type, gender, completed)
    SELECT a.user_id, u.member_state, u.agency_type, u.gender,
           coalesce((SELECT range_agg(tstzrange(e.completed_at, e.completed_at, '[]')) FROM enrolments e
                      WHERE e.user_id = a.user_id AND e.status = 'completed' AND e.completed_at IS NOT NULL), '{}')
      FROM (SELECT DISTINCT user_id FROM (SELECT user_id FROM new_rows WHERE status = 'completed') x) a
      JOIN users u ON u.id = a.user_id
     ORDER BY 1
    ON CONFLICT (user_id) DO UPDATE SET completed = o.completed + EXCLUDED.completed;
    RETURN NULL;
  END $$;

CREATE OR REPLACE FUNCTION report_enrolments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Most updates of these columns change nothing the report counts (a lesson done, no completion).
    IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE (n.user_id, n.enrolled_at, n.status, n.completed_at) IS DISTINCT FROM (o.user_id, o.enrolled_at, o.status, o.completed_at)) THEN
      RETURN NULL;
    END IF;
    
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
      SELECT user_id, date_trunc('month', enrolled_at AT TIME ZONE 'UTC')::date AS month, 1 AS enrolments, 0 AS completions, 0 AS certificates FROM new_rows
      UNION ALL
      SELECT user_id, date_trunc('month', completed_at AT TIME ZONE 'UTC')::date, 0, 1, 0 FROM new_rows WHERE status = 'completed' AND completed_at IS NOT NULL UNION ALL 
      SELECT user_id, date_trunc('month', enrolled_at AT TIME ZONE 'UTC')::date AS month, -1 AS enrolments, 0 AS completions, 0 AS certificates FROM old_rows
      UNION ALL
      SELECT user_id, date_trunc('month', completed_at AT TIME ZONE 'UTC')::date, 0, -1, 0 FROM old_rows WHERE status = 'completed' AND completed_at IS NOT NULL) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    
    INSERT INTO report_officials AS o (user_id, member_state, agency_type, gender, completed)
    SELECT a.user_id, u.member_state, u.agency_type, u.gender,
           coalesce((SELECT range_agg(tstzrange(e.completed_at, e.completed_at, '[]')) FROM enrolments e
                      WHERE e.user_id = a.user_id AND e.status = 'completed' AND e.completed_at IS NOT NULL), '{}')
      FROM (SELECT DISTINCT user_id FROM (SELECT o.user_id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id
        WHERE o.status = 'completed' AND (n.status IS DISTINCT FROM 'completed' OR n.completed_at IS DISTINCT FROM o.completed_at OR n.user_id <> o.user_id)) x) a
      JOIN users u ON u.id = a.user_id
     ORDER BY 1
    ON CONFLICT (user_id) DO UPDATE SET completed = EXCLUDED.completed;
    
    INSERT INTO report_officials AS o (user_id, member_state, agency_type, gender, completed)
    SELECT a.user_id, u.member_state, u.agency_type, u.gender,
           coalesce((SELECT range_agg(tstzrange(e.completed_at, e.completed_at, '[]')) FROM enrolments e
                      WHERE e.user_id = a.user_id AND e.status = 'completed' AND e.completed_at IS NOT NULL), '{}')
      FROM (SELECT DISTINCT user_id FROM (SELECT user_id FROM new_rows WHERE status = 'completed') x) a
      JOIN users u ON u.id = a.user_id
     ORDER BY 1
    ON CONFLICT (user_id) DO UPDATE SET completed = o.completed + EXCLUDED.completed;
    RETURN NULL;
  END $$;

CREATE OR REPLACE FUNCTION report_enrolments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
      SELECT user_id, date_trunc('month', enrolled_at AT TIME ZONE 'UTC')::date AS month, -1 AS enrolments, 0 AS completions, 0 AS certificates FROM old_rows
      UNION ALL
      SELECT user_id, date_trunc('month', completed_at AT TIME ZONE 'UTC')::date, 0, -1, 0 FROM old_rows WHERE status = 'completed' AND completed_at IS NOT NULL) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    
    INSERT INTO report_officials AS o (user_id, member_state, agency_type, gender, completed)
    SELECT a.user_id, u.member_state, u.agency_type, u.gender,
           coalesce((SELECT range_agg(tstzrange(e.completed_at, e.completed_at, '[]')) FROM enrolments e
                      WHERE e.user_id = a.user_id AND e.status = 'completed' AND e.completed_at IS NOT NULL), '{}')
      FROM (SELECT DISTINCT user_id FROM (SELECT user_id FROM old_rows WHERE status = 'completed') x) a
      JOIN users u ON u.id = a.user_id
     ORDER BY 1
    ON CONFLICT (user_id) DO UPDATE SET completed = EXCLUDED.completed;
    RETURN NULL;
  END $$;

CREATE OR REPLACE FUNCTION report_certificates_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
      SELECT user_id, date_trunc('month', issued_at AT TIME ZONE 'UTC')::date AS month, 0 AS enrolments, 0 AS completions, 1 AS certificates FROM new_rows) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
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
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
      SELECT user_id, date_trunc('month', issued_at AT TIME ZONE 'UTC')::date AS month, 0 AS enrolments, 0 AS completions, 1 AS certificates FROM new_rows UNION ALL 
      SELECT user_id, date_trunc('month', issued_at AT TIME ZONE 'UTC')::date AS month, 0 AS enrolments, 0 AS completions, -1 AS certificates FROM old_rows) d JOIN users u ON u.id = d.user_id
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
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
      SELECT user_id, date_trunc('month', issued_at AT TIME ZONE 'UTC')::date AS month, 0 AS enrolments, 0 AS completions, -1 AS certificates FROM old_rows) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    RETURN NULL;
  END $$;

CREATE OR REPLACE FUNCTION report_users_moved() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE report_officials o SET member_state = n.member_state, agency_type = n.agency_type, gender = n.gender
      FROM new_users n
     WHERE o.user_id = n.id AND (o.member_state, o.agency_type, o.gender) IS DISTINCT FROM (n.member_state, n.agency_type, n.gender);
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, d.member_state, d.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
        SELECT ev.month, side.member_state, side.agency_type, side.sign * ev.enrolments AS enrolments,
               side.sign * ev.completions AS completions, side.sign * ev.certificates AS certificates
          FROM (SELECT o.id, o.member_state AS old_state, o.agency_type AS old_agency, n.member_state AS new_state, n.agency_type AS new_agency
                  FROM old_users o JOIN new_users n ON n.id = o.id
                 WHERE (o.member_state, o.agency_type) IS DISTINCT FROM (n.member_state, n.agency_type)) m
          CROSS JOIN LATERAL (VALUES (m.old_state, m.old_agency, -1), (m.new_state, m.new_agency, 1)) side (member_state, agency_type, sign)
          JOIN LATERAL (
      SELECT user_id, date_trunc('month', enrolled_at AT TIME ZONE 'UTC')::date AS month, 1 AS enrolments, 0 AS completions, 0 AS certificates FROM enrolments
      UNION ALL
      SELECT user_id, date_trunc('month', completed_at AT TIME ZONE 'UTC')::date, 0, 1, 0 FROM enrolments WHERE status = 'completed' AND completed_at IS NOT NULL
                        UNION ALL 
      SELECT user_id, date_trunc('month', issued_at AT TIME ZONE 'UTC')::date AS month, 0 AS enrolments, 0 AS completions, 1 AS certificates FROM certificates) ev ON ev.user_id = m.id
      ) d
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    RETURN NULL;
  END $$;

CREATE OR REPLACE FUNCTION report_user_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (SELECT * FROM (
      SELECT user_id, date_trunc('month', enrolled_at AT TIME ZONE 'UTC')::date AS month, -1 AS enrolments, 0 AS completions, 0 AS certificates FROM enrolments
      UNION ALL
      SELECT user_id, date_trunc('month', completed_at AT TIME ZONE 'UTC')::date, 0, -1, 0 FROM enrolments WHERE status = 'completed' AND completed_at IS NOT NULL UNION ALL 
      SELECT user_id, date_trunc('month', issued_at AT TIME ZONE 'UTC')::date AS month, 0 AS enrolments, 0 AS completions, -1 AS certificates FROM certificates) ev WHERE ev.user_id = OLD.id) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    RETURN OLD;
  END $$;

DROP TRIGGER IF EXISTS report_enrolments_inserted ON enrolments;
CREATE TRIGGER report_enrolments_inserted AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_inserted();

DROP TRIGGER IF EXISTS report_enrolments_updated ON enrolments;
CREATE TRIGGER report_enrolments_updated AFTER UPDATE ON enrolments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_updated();

DROP TRIGGER IF EXISTS report_enrolments_deleted ON enrolments;
CREATE TRIGGER report_enrolments_deleted AFTER DELETE ON enrolments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_enrolments_deleted();

DROP TRIGGER IF EXISTS report_certificates_inserted ON certificates;
CREATE TRIGGER report_certificates_inserted AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_inserted();

DROP TRIGGER IF EXISTS report_certificates_updated ON certificates;
CREATE TRIGGER report_certificates_updated AFTER UPDATE ON certificates REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_updated();

DROP TRIGGER IF EXISTS report_certificates_deleted ON certificates;
CREATE TRIGGER report_certificates_deleted AFTER DELETE ON certificates REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_certificates_deleted();

DROP TRIGGER IF EXISTS report_users_moved ON users;
CREATE TRIGGER report_users_moved AFTER UPDATE ON users REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION report_users_moved();

DROP TRIGGER IF EXISTS report_user_deleting ON users;
CREATE TRIGGER report_user_deleting BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION report_user_deleting();

CREATE OR REPLACE FUNCTION report_summary_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM report_monthly;
    DELETE FROM report_officials;
    
    INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
    SELECT d.month, u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
      FROM (
      SELECT user_id, date_trunc('month', enrolled_at AT TIME ZONE 'UTC')::date AS month, 1 AS enrolments, 0 AS completions, 0 AS certificates FROM enrolments
      UNION ALL
      SELECT user_id, date_trunc('month', completed_at AT TIME ZONE 'UTC')::date, 0, 1, 0 FROM enrolments WHERE status = 'completed' AND completed_at IS NOT NULL UNION ALL 
      SELECT user_id, date_trunc('month', issued_at AT TIME ZONE 'UTC')::date AS month, 0 AS enrolments, 0 AS completions, 1 AS certificates FROM certificates) d JOIN users u ON u.id = d.user_id
     GROUP BY 1, 2, 3
    HAVING sum(d.enrolments) <> 0 OR sum(d.completions) <> 0 OR sum(d.certificates) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (month, member_state, agency_type) DO UPDATE
       SET enrolments = r.enrolments + EXCLUDED.enrolments,
           completions = r.completions + EXCLUDED.completions,
           certificates = r.certificates + EXCLUDED.certificates;
    
    INSERT INTO report_officials AS o (user_id, member_state, agency_type, gender, completed)
    SELECT a.user_id, u.member_state, u.agency_type, u.gender,
           coalesce((SELECT range_agg(tstzrange(e.completed_at, e.completed_at, '[]')) FROM enrolments e
                      WHERE e.user_id = a.user_id AND e.status = 'completed' AND e.completed_at IS NOT NULL), '{}')
      FROM (SELECT DISTINCT user_id FROM (SELECT user_id FROM enrolments WHERE status = 'completed') x) a
      JOIN users u ON u.id = a.user_id
     ORDER BY 1
    ON CONFLICT (user_id) DO UPDATE SET completed = EXCLUDED.completed;
  END $$;
