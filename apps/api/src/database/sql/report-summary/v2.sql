-- The member-state report's summary, version 2, applied by migration ReportActivities1797200000000
-- (see src/reports/README.md).
--
-- Version 2 counts training activities beside online courses:
-- - report_monthly: online events per UTC month, Member State and agency, as in v1 (certificates
--   now only those of an enrolment);
-- - report_people (replaces report_officials): one row per person — an account, or an
--   attendance-list participant without one — with the instants of their online completions
--   (`completed`) and of their completed places in activities (`attended`), so "people trained in a
--   period" is one overlap test per person and a person trained both ways is one row;
-- - report_course_monthly: online completions per course, State, UTC month and agency, for the
--   number of courses with a completion in a period;
-- - report_attendance_monthly: participants' present days per UTC month, State and agency (null
--   when the list did not say).
-- Activities themselves are few and are counted from their rows (report_activity_states).
-- All are kept by the triggers below in the writing transaction and rebuilt from the rows by
-- report_summary_rebuild(). What counts is defined once, by the report_*_events, report_*_at,
-- report_activity_states and report_person functions; the triggers, the rebuild and the report's
-- own queries all read them.

-- The UTC month an instant falls in: the key of the monthly tables and of the report's months.
CREATE OR REPLACE FUNCTION report_month(instant timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_trunc('month', instant AT TIME ZONE 'UTC')::date $$;

-- The instant a day-dated event (an activity's end, a day attended) counts at: 00:00 UTC that day,
-- so a period of whole UTC days takes exactly the days it names.
CREATE OR REPLACE FUNCTION report_day(day date) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT day::timestamp AT TIME ZONE 'UTC' $$;

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

-- ... and for one certificate: a course certificate in the month it was issued, revoked or not.
-- Certificates of participation in an activity (no enrolment) are not course certificates.
CREATE OR REPLACE FUNCTION report_certificate_events(c certificates)
  RETURNS TABLE (user_id uuid, occurred_at timestamptz, enrolments integer, completions integer, certificates integer)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT c.user_id, c.issued_at, 0, 0, 1 WHERE c.enrolment_id IS NOT NULL $$;

-- An activity counts once held (status held or closed), at its end, for its venue State and each
-- State it serves: one row per State, however it is named in both.
CREATE OR REPLACE FUNCTION report_activity_states(a activities)
  RETURNS TABLE (member_state char(3), occurred_at timestamptz)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT DISTINCT s.code, report_day(a.ends_on)
    FROM unnest(array_append(a.member_states, a.venue_member_state)) s (code)
   WHERE s.code IS NOT NULL AND a.status IN ('held', 'closed')
$$;

-- A place in an activity counts when its role is participant (trainers and speakers are not
-- trained) and the activity was held: its completion at the activity's end ...
CREATE OR REPLACE FUNCTION report_completed_at(ap activity_participants, a activities) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN ap.completed AND ap.role = 'participant' AND a.status IN ('held', 'closed') THEN report_day(a.ends_on) END $$;

-- ... and each day present at that day (a participant-day).
CREATE OR REPLACE FUNCTION report_attended_at(att activity_attendance, ap activity_participants, a activities) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN att.present AND ap.role = 'participant' AND a.status IN ('held', 'closed') THEN report_day(att.day) END $$;

-- Who a participant is for the report: the account when linked to one (its id, State, agency and
-- gender, so an official trained online and in activities is one person), else the attendance
-- list's row (its id; gender undisclosed and agency null when the list did not say). No one while
-- the account is pending or rejected: counted once vetted. `u` is the participant's account
-- (users u ON u.id = p.user_id), null without one.
CREATE OR REPLACE FUNCTION report_person(p participants, u users)
  RETURNS TABLE (person_key uuid, user_id uuid, member_state char(3), agency_type agency_type, gender gender)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(p.user_id, p.id), p.user_id,
         CASE WHEN p.user_id IS NULL THEN p.member_state ELSE u.member_state END,
         CASE WHEN p.user_id IS NULL THEN p.agency_type ELSE u.agency_type END,
         CASE WHEN p.user_id IS NULL THEN coalesce(p.gender, 'undisclosed') ELSE u.gender END
   WHERE p.user_id IS NULL OR u.status NOT IN ('pending', 'rejected')
$$;

-- Officials trained online: the completion instants of the listed officials, read from their
-- enrolments into report_people. `merge_stored` adds them to what is stored: a concurrent
-- transaction may have added an instant this one's snapshot cannot see, and the upsert re-reads
-- the stored row after waiting for it. Without it the stored value is replaced, for the rare change
-- that takes a completion away. Officials being deleted (their enrolments go by cascade) no longer
-- join and are skipped: their row goes with them.
-- PL/pgSQL with a generic plan: planned once per session, not on every call (a custom plan for
-- each array costs more than the upsert of one official, measured 0.27 against 0.07 ms).
CREATE OR REPLACE FUNCTION report_people_completed_refresh(officials uuid[], merge_stored boolean) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(officials) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_people AS o (person_key, user_id, member_state, agency_type, gender, completed)
  SELECT u.id, u.id, u.member_state, u.agency_type, u.gender,
         coalesce((SELECT range_agg(tstzrange(ev.occurred_at, ev.occurred_at, '[]'))
                     FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
                    WHERE e.user_id = u.id AND ev.completions > 0), '{}')
    FROM users u
   WHERE u.id = ANY (officials)
   ORDER BY u.id
  ON CONFLICT (person_key) DO UPDATE
     SET completed = CASE WHEN merge_stored THEN o.completed + EXCLUDED.completed ELSE EXCLUDED.completed END;
END $$;

-- People trained in activities: the instants their completed places count at, for the listed
-- person keys (an account's id, or a participant's id when it has no account), read again from
-- the rows and stored in place of what was there. The participants rows are locked first (NO KEY
-- UPDATE, so foreign-key checks of concurrent inserts do not wait): a concurrent change to the
-- same person waits for this one or this one for it, and the count below, on a new snapshot, sees
-- it. Row locks, not advisory ones: an import of 30,000 people takes no slot of the lock table.
-- A key no participant stands for any more (deleted, linked to an account, account pending) has
-- nothing attended; its row goes when nothing else is left in it.
CREATE OR REPLACE FUNCTION report_people_attended_refresh(keys uuid[]) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(keys) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM participants p WHERE p.id = ANY (keys) OR p.user_id = ANY (keys) ORDER BY p.id FOR NO KEY UPDATE;
  INSERT INTO report_people AS o (person_key, user_id, member_state, agency_type, gender, attended)
  SELECT per.person_key, per.user_id, per.member_state, per.agency_type, per.gender,
         coalesce((SELECT range_agg(tstzrange(t.at, t.at, '[]'))
                     FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id
                     CROSS JOIN LATERAL (SELECT report_completed_at(ap, a) AS at) t
                    WHERE ap.participant_id = p.id AND t.at IS NOT NULL), '{}')
    FROM participants p LEFT JOIN users u ON u.id = p.user_id CROSS JOIN LATERAL report_person(p, u) per
   WHERE (p.id = ANY (keys) OR p.user_id = ANY (keys)) AND per.person_key = ANY (keys)
   ORDER BY 1
  ON CONFLICT (person_key) DO UPDATE
     SET user_id = EXCLUDED.user_id, member_state = EXCLUDED.member_state, agency_type = EXCLUDED.agency_type,
         gender = EXCLUDED.gender, attended = EXCLUDED.attended;
  UPDATE report_people o SET attended = '{}'
   WHERE o.person_key = ANY (keys) AND NOT isempty(o.attended)
     AND NOT EXISTS (SELECT 1 FROM participants p LEFT JOIN users u ON u.id = p.user_id CROSS JOIN LATERAL report_person(p, u) per
                      WHERE (p.id = o.person_key OR p.user_id = o.person_key) AND per.person_key = o.person_key);
  DELETE FROM report_people o WHERE o.person_key = ANY (keys) AND isempty(o.completed) AND isempty(o.attended);
END $$;

-- The person keys of participants, as they stand now (their rows are the link to an account).
CREATE OR REPLACE FUNCTION report_participant_keys(participant_ids uuid[]) RETURNS uuid[]
  LANGUAGE sql STABLE
AS $$ SELECT ARRAY(SELECT DISTINCT coalesce(p.user_id, p.id) FROM participants p WHERE p.id = ANY (participant_ids)) $$;

-- Participant-days: each function below adds the present days that one side of a change brings
-- (`added`) and takes out those the other side brought (`removed`), every other row read as it
-- stands now, into report_attendance_monthly: summed per month, State and agency of the person,
-- upserted in key order (so concurrent transactions cannot deadlock on the summary rows). The
-- tables' triggers pass their transition tables as arrays.

-- Attendance rows that changed.
CREATE OR REPLACE FUNCTION report_attendance_count(added activity_attendance[], removed activity_attendance[]) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(added) + cardinality(removed) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_attendance_monthly AS r (month, member_state, agency_type, participant_days)
  SELECT report_month(d.at), per.member_state, per.agency_type, sum(x.sign)
    FROM (SELECT n AS att, 1 AS sign FROM unnest(added) n UNION ALL SELECT o, -1 FROM unnest(removed) o) x
    JOIN activity_participants ap ON ap.id = (x.att).activity_participant_id
    JOIN activities a ON a.id = ap.activity_id
    JOIN participants p ON p.id = ap.participant_id LEFT JOIN users u ON u.id = p.user_id
    CROSS JOIN LATERAL report_person(p, u) per
    CROSS JOIN LATERAL (SELECT report_attended_at(x.att, ap, a) AS at) d
   WHERE d.at IS NOT NULL
   GROUP BY 1, 2, 3
  HAVING sum(x.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE SET participant_days = r.participant_days + EXCLUDED.participant_days;
END $$;

-- Places in activities that changed (role, person, activity): the days recorded for them.
CREATE OR REPLACE FUNCTION report_participation_count(added activity_participants[], removed activity_participants[]) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(added) + cardinality(removed) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_attendance_monthly AS r (month, member_state, agency_type, participant_days)
  SELECT report_month(d.at), per.member_state, per.agency_type, sum(x.sign)
    FROM (SELECT n AS ap, 1 AS sign FROM unnest(added) n UNION ALL SELECT o, -1 FROM unnest(removed) o) x
    JOIN activity_attendance att ON att.activity_participant_id = (x.ap).id
    JOIN activities a ON a.id = (x.ap).activity_id
    JOIN participants p ON p.id = (x.ap).participant_id LEFT JOIN users u ON u.id = p.user_id
    CROSS JOIN LATERAL report_person(p, u) per
    CROSS JOIN LATERAL (SELECT report_attended_at(att, x.ap, a) AS at) d
   WHERE d.at IS NOT NULL
   GROUP BY 1, 2, 3
  HAVING sum(x.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE SET participant_days = r.participant_days + EXCLUDED.participant_days;
END $$;

-- Activities whose being held changed: the days recorded for all their places.
CREATE OR REPLACE FUNCTION report_activity_count(added activities[], removed activities[]) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(added) + cardinality(removed) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_attendance_monthly AS r (month, member_state, agency_type, participant_days)
  SELECT report_month(d.at), per.member_state, per.agency_type, sum(x.sign)
    FROM (SELECT n AS a, 1 AS sign FROM unnest(added) n UNION ALL SELECT o, -1 FROM unnest(removed) o) x
    JOIN activity_participants ap ON ap.activity_id = (x.a).id
    JOIN activity_attendance att ON att.activity_participant_id = ap.id
    JOIN participants p ON p.id = ap.participant_id LEFT JOIN users u ON u.id = p.user_id
    CROSS JOIN LATERAL report_person(p, u) per
    CROSS JOIN LATERAL (SELECT report_attended_at(att, ap, x.a) AS at) d
   WHERE d.at IS NOT NULL
   GROUP BY 1, 2, 3
  HAVING sum(x.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE SET participant_days = r.participant_days + EXCLUDED.participant_days;
END $$;

-- Participants who changed (linked to an account, State, agency): the days of all their places,
-- each side counted for the person it makes.
CREATE OR REPLACE FUNCTION report_participant_count(added participants[], removed participants[]) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(added) + cardinality(removed) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_attendance_monthly AS r (month, member_state, agency_type, participant_days)
  SELECT report_month(d.at), per.member_state, per.agency_type, sum(x.sign)
    FROM (SELECT n AS p, 1 AS sign FROM unnest(added) n UNION ALL SELECT o, -1 FROM unnest(removed) o) x
    JOIN activity_participants ap ON ap.participant_id = (x.p).id
    JOIN activities a ON a.id = ap.activity_id
    JOIN activity_attendance att ON att.activity_participant_id = ap.id
    LEFT JOIN users u ON u.id = (x.p).user_id
    CROSS JOIN LATERAL report_person(x.p, u) per
    CROSS JOIN LATERAL (SELECT report_attended_at(att, ap, a) AS at) d
   WHERE d.at IS NOT NULL
   GROUP BY 1, 2, 3
  HAVING sum(x.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE SET participant_days = r.participant_days + EXCLUDED.participant_days;
END $$;

-- Accounts that changed (State, agency, vetted or not): the days of their participants' places.
CREATE OR REPLACE FUNCTION report_account_count(added users[], removed users[]) RETURNS void
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  IF cardinality(added) + cardinality(removed) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_attendance_monthly AS r (month, member_state, agency_type, participant_days)
  SELECT report_month(d.at), per.member_state, per.agency_type, sum(x.sign)
    FROM (SELECT n AS u, 1 AS sign FROM unnest(added) n UNION ALL SELECT o, -1 FROM unnest(removed) o) x
    JOIN participants p ON p.user_id = (x.u).id
    JOIN activity_participants ap ON ap.participant_id = p.id
    JOIN activities a ON a.id = ap.activity_id
    JOIN activity_attendance att ON att.activity_participant_id = ap.id
    CROSS JOIN LATERAL report_person(p, x.u) per
    CROSS JOIN LATERAL (SELECT report_attended_at(att, ap, a) AS at) d
   WHERE d.at IS NOT NULL
   GROUP BY 1, 2, 3
  HAVING sum(x.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, member_state, agency_type) DO UPDATE SET participant_days = r.participant_days + EXCLUDED.participant_days;
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
  INSERT INTO report_course_monthly AS r (course_id, member_state, month, agency_type, completions)
  SELECT d.course_id, u.member_state, report_month(d.occurred_at), u.agency_type, sum(d.completions)
    FROM (SELECT n.course_id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev WHERE ev.completions > 0) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3, 4
  HAVING sum(d.completions) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (course_id, member_state, month, agency_type) DO UPDATE SET completions = r.completions + EXCLUDED.completions;
  PERFORM report_people_completed_refresh(
    ARRAY(SELECT DISTINCT ev.user_id FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev WHERE ev.completions > 0),
    true);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_enrolments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates change no event (a lesson done, a score): then nothing is counted differently.
  IF NOT EXISTS (SELECT n.id, n.course_id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev
                 EXCEPT ALL
                 SELECT o.id, o.course_id, ev.* FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev)
     AND NOT EXISTS (SELECT o.id, o.course_id, ev.* FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev
                     EXCEPT ALL
                     SELECT n.id, n.course_id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev) THEN
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
  INSERT INTO report_course_monthly AS r (course_id, member_state, month, agency_type, completions)
  SELECT d.course_id, u.member_state, report_month(d.occurred_at), u.agency_type, sum(d.completions)
    FROM (SELECT n.course_id, ev.user_id, ev.occurred_at, ev.completions
            FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev WHERE ev.completions > 0
          UNION ALL
          SELECT o.course_id, ev.user_id, ev.occurred_at, -ev.completions
            FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev WHERE ev.completions > 0) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3, 4
  HAVING sum(d.completions) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (course_id, member_state, month, agency_type) DO UPDATE SET completions = r.completions + EXCLUDED.completions;
  -- Officials who lost a completion instant (un-completed, re-dated, moved to another official) are
  -- read again; those who gained one have it added.
  PERFORM report_people_completed_refresh(
    ARRAY(SELECT DISTINCT lost.user_id
            FROM (SELECT o.id, ev.* FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev WHERE ev.completions > 0
                  EXCEPT ALL
                  SELECT n.id, ev.* FROM new_rows n CROSS JOIN LATERAL report_enrolment_events(n) ev) lost),
    false);
  PERFORM report_people_completed_refresh(
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
  INSERT INTO report_course_monthly AS r (course_id, member_state, month, agency_type, completions)
  SELECT d.course_id, u.member_state, report_month(d.occurred_at), u.agency_type, sum(d.completions)
    FROM (SELECT o.course_id, ev.user_id, ev.occurred_at, -ev.completions AS completions
            FROM old_rows o CROSS JOIN LATERAL report_enrolment_events(o) ev WHERE ev.completions > 0) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3, 4
  HAVING sum(d.completions) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (course_id, member_state, month, agency_type) DO UPDATE SET completions = r.completions + EXCLUDED.completions;
  PERFORM report_people_completed_refresh(
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
-- along: counted where they are now, as a report read from the rows would. An account vetted (or
-- set back to pending or rejected) brings in (or takes out) what its participant did in activities.
CREATE OR REPLACE FUNCTION report_users_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_people o SET member_state = n.member_state, agency_type = n.agency_type, gender = n.gender
    FROM new_users n
   WHERE o.person_key = n.id AND (o.member_state, o.agency_type, o.gender) IS DISTINCT FROM (n.member_state, n.agency_type, n.gender);
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
  INSERT INTO report_course_monthly AS r (course_id, member_state, month, agency_type, completions)
  SELECT e.course_id, side.member_state, report_month(ev.occurred_at), side.agency_type, sum(side.sign * ev.completions)
    FROM (SELECT o.id, o.member_state AS old_state, o.agency_type AS old_agency, n.member_state AS new_state, n.agency_type AS new_agency
            FROM old_users o JOIN new_users n ON n.id = o.id
           WHERE (o.member_state, o.agency_type) IS DISTINCT FROM (n.member_state, n.agency_type)) m
    CROSS JOIN LATERAL (VALUES (m.old_state, m.old_agency, -1), (m.new_state, m.new_agency, 1)) side (member_state, agency_type, sign)
    JOIN enrolments e ON e.user_id = m.id CROSS JOIN LATERAL report_enrolment_events(e) ev
   WHERE ev.completions > 0
   GROUP BY 1, 2, 3, 4
  HAVING sum(side.sign * ev.completions) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (course_id, member_state, month, agency_type) DO UPDATE SET completions = r.completions + EXCLUDED.completions;
  -- Only accounts linked to a participant can change what activities count.
  IF EXISTS (SELECT 1 FROM new_users n JOIN participants p ON p.user_id = n.id) THEN
    PERFORM report_account_count(
      ARRAY(SELECT n::users FROM new_users n JOIN old_users o ON o.id = n.id
             WHERE (o.member_state, o.agency_type, o.status IN ('pending', 'rejected'))
                   IS DISTINCT FROM (n.member_state, n.agency_type, n.status IN ('pending', 'rejected'))),
      ARRAY(SELECT o::users FROM new_users n JOIN old_users o ON o.id = n.id
             WHERE (o.member_state, o.agency_type, o.status IN ('pending', 'rejected'))
                   IS DISTINCT FROM (n.member_state, n.agency_type, n.status IN ('pending', 'rejected'))));
    PERFORM report_people_attended_refresh(
      ARRAY(SELECT n.id FROM new_users n JOIN old_users o ON o.id = n.id JOIN participants p ON p.user_id = n.id
             WHERE (o.status IN ('pending', 'rejected')) <> (n.status IN ('pending', 'rejected'))));
  END IF;
  RETURN NULL;
END $$;

-- Before the row goes: its enrolments are deleted by the cascade after it, when the official can
-- no longer be joined, so their counts are taken out here; and its participant, which stays as the
-- attendance list knew it (the link is set to null), no longer counts as this account.
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
  INSERT INTO report_course_monthly AS r (course_id, member_state, month, agency_type, completions)
  SELECT e.course_id, OLD.member_state, report_month(ev.occurred_at), OLD.agency_type, -sum(ev.completions)
    FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
   WHERE e.user_id = OLD.id AND ev.completions > 0
   GROUP BY 1, 3
   ORDER BY 1, 3
  ON CONFLICT (course_id, member_state, month, agency_type) DO UPDATE SET completions = r.completions + EXCLUDED.completions;
  PERFORM report_account_count('{}', ARRAY[OLD]);
  RETURN OLD;
END $$;

-- Activities: one held or no longer held moves all its days; one held that ends on another day,
-- or changes being held, moves its participants' completions.
CREATE OR REPLACE FUNCTION report_activities_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_activity_count(
    ARRAY(SELECT n::activities FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.status IN ('held', 'closed')) <> (n.status IN ('held', 'closed'))),
    ARRAY(SELECT o::activities FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.status IN ('held', 'closed')) <> (n.status IN ('held', 'closed'))));
  PERFORM report_people_attended_refresh(report_participant_keys(
    ARRAY(SELECT DISTINCT ap.participant_id
            FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN activity_participants ap ON ap.activity_id = n.id
           WHERE ((o.status IN ('held', 'closed')) <> (n.status IN ('held', 'closed')) OR o.ends_on <> n.ends_on)
             AND ap.completed AND ap.role = 'participant')));
  RETURN NULL;
END $$;

-- Before the row goes: its places and their days are deleted by the cascade after it, when the
-- activity can no longer be joined, so its days are taken out here. Its participants' completions
-- are read again by the places' own trigger, once they are gone.
CREATE OR REPLACE FUNCTION report_activity_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_activity_count('{}', ARRAY[OLD]);
  RETURN OLD;
END $$;

-- Participants: a link to an account (or its removal), a merge into another row, a State, agency
-- or gender corrected: their days move to the person they make now, and both persons are read again.
CREATE OR REPLACE FUNCTION report_participants_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_participant_count(
    ARRAY(SELECT n::participants FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.user_id, o.member_state, o.agency_type) IS DISTINCT FROM (n.user_id, n.member_state, n.agency_type)),
    ARRAY(SELECT o::participants FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.user_id, o.member_state, o.agency_type) IS DISTINCT FROM (n.user_id, n.member_state, n.agency_type)));
  PERFORM report_people_attended_refresh(
    ARRAY(SELECT DISTINCT k
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (coalesce(o.user_id, o.id)), (coalesce(n.user_id, n.id))) key (k)
           WHERE (o.user_id, o.member_state, o.agency_type, o.gender) IS DISTINCT FROM (n.user_id, n.member_state, n.agency_type, n.gender)
             AND EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.participant_id = n.id AND ap.completed)));
  RETURN NULL;
END $$;

-- Before the row goes: its places and their days go by the cascade after it, when the person can
-- no longer be joined, so the days are taken out here ...
CREATE OR REPLACE FUNCTION report_participant_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_participant_count('{}', ARRAY[OLD]);
  RETURN OLD;
END $$;

-- ... and the persons they were are read again once they are gone.
CREATE OR REPLACE FUNCTION report_participants_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_people_attended_refresh(ARRAY(SELECT DISTINCT coalesce(o.user_id, o.id) FROM old_rows o));
  RETURN NULL;
END $$;

-- Places in activities: a completion gained or lost, a role, person or activity changed.
CREATE OR REPLACE FUNCTION report_participations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- No day can be recorded for a place before it exists: only completions count here.
  PERFORM report_people_attended_refresh(report_participant_keys(
    ARRAY(SELECT DISTINCT n.participant_id FROM new_rows n WHERE n.completed AND n.role = 'participant')));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_participations_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_participation_count(
    ARRAY(SELECT n::activity_participants FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.role, o.participant_id, o.activity_id) IS DISTINCT FROM (n.role, n.participant_id, n.activity_id)),
    ARRAY(SELECT o::activity_participants FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.role, o.participant_id, o.activity_id) IS DISTINCT FROM (n.role, n.participant_id, n.activity_id)));
  PERFORM report_people_attended_refresh(report_participant_keys(
    ARRAY(SELECT DISTINCT side.participant_id
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (o.participant_id), (n.participant_id)) side (participant_id)
           WHERE ((o.completed AND o.role = 'participant') OR (n.completed AND n.role = 'participant'))
             AND (o.completed, o.role, o.participant_id, o.activity_id) IS DISTINCT FROM (n.completed, n.role, n.participant_id, n.activity_id))));
  RETURN NULL;
END $$;

-- Before the row goes: its days go by the cascade after it, when the place can no longer be joined.
CREATE OR REPLACE FUNCTION report_participation_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_participation_count('{}', ARRAY[OLD]);
  RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION report_participations_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_people_attended_refresh(report_participant_keys(
    ARRAY(SELECT DISTINCT o.participant_id FROM old_rows o WHERE o.completed AND o.role = 'participant')));
  RETURN NULL;
END $$;

-- Attendance: a day marked present or absent, moved, added or removed.
CREATE OR REPLACE FUNCTION report_attendance_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_attendance_count(ARRAY(SELECT n::activity_attendance FROM new_rows n WHERE n.present), '{}');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_attendance_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the days present that are not present alike before and after (a re-import rewrites many
  -- rows and changes few).
  PERFORM report_attendance_count(
    ARRAY(SELECT n::activity_attendance FROM new_rows n WHERE n.present AND NOT EXISTS (
            SELECT 1 FROM old_rows o WHERE o.activity_participant_id = n.activity_participant_id AND o.day = n.day AND o.present)),
    ARRAY(SELECT o::activity_attendance FROM old_rows o WHERE o.present AND NOT EXISTS (
            SELECT 1 FROM new_rows n WHERE n.activity_participant_id = o.activity_participant_id AND n.day = o.day AND n.present)));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION report_attendance_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_attendance_count('{}', ARRAY(SELECT o::activity_attendance FROM old_rows o WHERE o.present));
  RETURN NULL;
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
DROP TRIGGER IF EXISTS report_activities_updated ON activities;
CREATE TRIGGER report_activities_updated AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_activities_updated();
DROP TRIGGER IF EXISTS report_activity_deleting ON activities;
CREATE TRIGGER report_activity_deleting BEFORE DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION report_activity_deleting();
DROP TRIGGER IF EXISTS report_participants_updated ON participants;
CREATE TRIGGER report_participants_updated AFTER UPDATE ON participants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_participants_updated();
DROP TRIGGER IF EXISTS report_participant_deleting ON participants;
CREATE TRIGGER report_participant_deleting BEFORE DELETE ON participants
  FOR EACH ROW EXECUTE FUNCTION report_participant_deleting();
DROP TRIGGER IF EXISTS report_participants_deleted ON participants;
CREATE TRIGGER report_participants_deleted AFTER DELETE ON participants REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_participants_deleted();
DROP TRIGGER IF EXISTS report_participations_inserted ON activity_participants;
CREATE TRIGGER report_participations_inserted AFTER INSERT ON activity_participants REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_participations_inserted();
DROP TRIGGER IF EXISTS report_participations_updated ON activity_participants;
CREATE TRIGGER report_participations_updated AFTER UPDATE ON activity_participants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_participations_updated();
DROP TRIGGER IF EXISTS report_participation_deleting ON activity_participants;
CREATE TRIGGER report_participation_deleting BEFORE DELETE ON activity_participants
  FOR EACH ROW EXECUTE FUNCTION report_participation_deleting();
DROP TRIGGER IF EXISTS report_participations_deleted ON activity_participants;
CREATE TRIGGER report_participations_deleted AFTER DELETE ON activity_participants REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_participations_deleted();
DROP TRIGGER IF EXISTS report_attendance_inserted ON activity_attendance;
CREATE TRIGGER report_attendance_inserted AFTER INSERT ON activity_attendance REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_attendance_inserted();
DROP TRIGGER IF EXISTS report_attendance_updated ON activity_attendance;
CREATE TRIGGER report_attendance_updated AFTER UPDATE ON activity_attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_attendance_updated();
DROP TRIGGER IF EXISTS report_attendance_deleted ON activity_attendance;
CREATE TRIGGER report_attendance_deleted AFTER DELETE ON activity_attendance REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_attendance_deleted();

-- Rebuilds the summary from the rows, with the same definitions: for after restoring a partial
-- dump, and to check that what the triggers kept equals what the rows say.
CREATE OR REPLACE FUNCTION report_summary_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_monthly;
  DELETE FROM report_course_monthly;
  DELETE FROM report_people;
  DELETE FROM report_attendance_monthly;
  INSERT INTO report_monthly AS r (month, member_state, agency_type, enrolments, completions, certificates)
  SELECT report_month(d.occurred_at), u.member_state, u.agency_type, sum(d.enrolments), sum(d.completions), sum(d.certificates)
    FROM (SELECT ev.* FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
          UNION ALL
          SELECT ev.* FROM certificates c CROSS JOIN LATERAL report_certificate_events(c) ev) d
    JOIN users u ON u.id = d.user_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3;
  INSERT INTO report_course_monthly (course_id, member_state, month, agency_type, completions)
  SELECT e.course_id, u.member_state, report_month(ev.occurred_at), u.agency_type, sum(ev.completions)
    FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev
    JOIN users u ON u.id = e.user_id
   WHERE ev.completions > 0
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4;
  PERFORM report_people_completed_refresh(
    ARRAY(SELECT DISTINCT ev.user_id FROM enrolments e CROSS JOIN LATERAL report_enrolment_events(e) ev WHERE ev.completions > 0),
    false);
  PERFORM report_people_attended_refresh(
    ARRAY(SELECT DISTINCT coalesce(p.user_id, p.id)
            FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id JOIN participants p ON p.id = ap.participant_id
           WHERE report_completed_at(ap, a) IS NOT NULL));
  INSERT INTO report_attendance_monthly (month, member_state, agency_type, participant_days)
  SELECT report_month(d.at), per.member_state, per.agency_type, count(*)
    FROM activity_attendance att
    JOIN activity_participants ap ON ap.id = att.activity_participant_id
    JOIN activities a ON a.id = ap.activity_id
    JOIN participants p ON p.id = ap.participant_id LEFT JOIN users u ON u.id = p.user_id
    CROSS JOIN LATERAL report_person(p, u) per
    CROSS JOIN LATERAL (SELECT report_attended_at(att, ap, a) AS at) d
   WHERE d.at IS NOT NULL
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3;
END $$;
