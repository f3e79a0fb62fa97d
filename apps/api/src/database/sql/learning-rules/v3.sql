-- The rules of learning, each written once: what an enrolment has done of a course and when that
-- completes it, its final score, a certificate's hours and expiry. The race-safe statements
-- (lesson complete, quiz attempt, certificate issue) and every read that shows these figures call
-- them. Each is LANGUAGE sql, not VOLATILE, not STRICT, one SELECT: PostgreSQL inlines it into the
-- calling statement, so plans stay what they were with the SQL written out.
--
-- v2: learning_tally reads the enrolment's progress once (one index range scan) instead of probing
-- it per lesson: the same counts, and a course's learners list no longer pays a probe per lesson
-- and learner. learning_progress goes: the percentage is computed from these counts in the API
-- (courses/course-progress.ts), which costs the statements nothing, where inlining it cost every
-- statement that called it about 40 µs of planning.
--
-- v3: a pre-test (quiz purpose 'pre_test') measures what a learner knew before the course, so it
-- does not count in the final score; it still counts as a lesson done.
DROP FUNCTION IF EXISTS learning_progress(enrolment_status, int, int);

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
                                     OR l.id = ANY (ARRAY(SELECT lp.lesson_id FROM lesson_progress lp
                                                           WHERE lp.enrolment_id = p_enrolment_id)))::int AS done
            FROM lessons l
           WHERE l.course_id = p_course_id AND l.required) t
$$;

-- The mean of the best score of each required quiz the enrolment attempted, pre-tests left out;
-- null without one.
CREATE OR REPLACE FUNCTION learning_final_score(p_enrolment_id uuid)
  RETURNS TABLE (final_score numeric)
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT avg(s.best)
    FROM (SELECT max(a.score) AS best
            FROM quiz_attempts a JOIN lessons l ON l.id = a.lesson_id
           WHERE a.enrolment_id = p_enrolment_id AND l.required AND (l.quiz ->> 'purpose') IS DISTINCT FROM 'pre_test'
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
