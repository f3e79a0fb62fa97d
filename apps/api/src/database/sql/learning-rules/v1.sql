-- The rules of learning, each written once: what an enrolment has done of a course, when that
-- completes it, its progress and final score, a certificate's hours and expiry. The race-safe
-- statements (lesson complete, quiz attempt, certificate issue) and every read that shows these
-- figures call them. Each is LANGUAGE sql, not VOLATILE, not STRICT, one SELECT: PostgreSQL
-- inlines it into the calling statement, so plans stay what they were with the SQL written out.

-- The course's required lessons and how many of them the enrolment has done; all_done completes
-- the course. p_also_done counts a lesson the calling statement records itself: a statement does
-- not see its own INSERT.
CREATE OR REPLACE FUNCTION learning_tally(p_enrolment_id uuid, p_course_id uuid, p_also_done uuid)
  RETURNS TABLE (required int, done int, all_done boolean)
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT t.required, t.done, t.done = t.required
    FROM (SELECT count(*)::int AS required,
                 count(*) FILTER (WHERE l.id = p_also_done
                                     OR EXISTS (SELECT 1 FROM lesson_progress lp
                                                 WHERE lp.enrolment_id = p_enrolment_id AND lp.lesson_id = l.id))::int AS done
            FROM lessons l
           WHERE l.course_id = p_course_id AND l.required) t
$$;

-- Percent of the required lessons done, rounded down (as a double, like the API always did); a
-- completed enrolment is at 100 whatever lessons were added since.
CREATE OR REPLACE FUNCTION learning_progress(p_status enrolment_status, p_done int, p_required int)
  RETURNS int
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
           WHEN p_status = 'completed' THEN 100
           WHEN p_required = 0 THEN 0
           ELSE floor(p_done::float8 / p_required * 100)::int
         END
$$;

-- The mean of the best score of each required quiz the enrolment attempted; null without one.
CREATE OR REPLACE FUNCTION learning_final_score(p_enrolment_id uuid)
  RETURNS TABLE (final_score numeric)
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT avg(s.best)
    FROM (SELECT max(a.score) AS best
            FROM quiz_attempts a JOIN lessons l ON l.id = a.lesson_id
           WHERE a.enrolment_id = p_enrolment_id AND l.required
           GROUP BY a.lesson_id) s
$$;

-- Hours printed on a certificate: the course's estimated time to the nearest half hour.
CREATE OR REPLACE FUNCTION certificate_hours(p_estimated_minutes int)
  RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT round(p_estimated_minutes / 30.0) / 2
$$;

-- When a certificate issued at p_issued_at expires: after the course's validity, or never.
CREATE OR REPLACE FUNCTION certificate_expiry(p_issued_at timestamptz, p_validity_months int)
  RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN p_validity_months IS NULL THEN NULL ELSE p_issued_at + make_interval(months => p_validity_months) END
$$;
