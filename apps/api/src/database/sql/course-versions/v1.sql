-- Language versions of a course: one family (courses.family_id, the original's id), one version
-- per language. Two rules live here so that no write path can forget them:
--
-- 1. A course inserted without a family is the original of its own family (family_id = id), however
--    it is inserted (the API, a seeder, a test's INSERT).
-- 2. When the original's content changes — its title, summary or description, a module or a lesson
--    added, removed or rewritten — every version whose translation was marked `current` becomes
--    `outdated`: its translators have something to catch up on. Reordering is not a change of
--    content; a version's own edits do not touch the others.

CREATE OR REPLACE FUNCTION course_family_default() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  NEW.family_id := coalesce(NEW.family_id, NEW.id);
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS courses_family_default ON courses;
CREATE TRIGGER courses_family_default BEFORE INSERT ON courses
  FOR EACH ROW EXECUTE FUNCTION course_family_default();

-- The versions marked current of the family whose original is p_course_id become outdated; nothing
-- when p_course_id is not an original.
CREATE OR REPLACE FUNCTION course_versions_outdate(p_course_id uuid) RETURNS void
  LANGUAGE sql
AS $$
  UPDATE courses v SET translation_status = 'outdated'
    FROM courses o
   WHERE o.id = p_course_id AND o.translation_status = 'original'
     AND v.family_id = o.family_id AND v.id <> o.id AND v.translation_status = 'current'
$$;

CREATE OR REPLACE FUNCTION course_versions_content_changed() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_TABLE_NAME = 'courses' THEN
    PERFORM course_versions_outdate(NEW.id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM course_versions_outdate(OLD.course_id);
  ELSE
    PERFORM course_versions_outdate(NEW.course_id);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS courses_content_changed ON courses;
CREATE TRIGGER courses_content_changed AFTER UPDATE OF title, summary, description ON courses
  FOR EACH ROW
  WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
        OR OLD.description IS DISTINCT FROM NEW.description)
  EXECUTE FUNCTION course_versions_content_changed();

DROP TRIGGER IF EXISTS course_modules_added_removed ON course_modules;
CREATE TRIGGER course_modules_added_removed AFTER INSERT OR DELETE ON course_modules
  FOR EACH ROW EXECUTE FUNCTION course_versions_content_changed();

DROP TRIGGER IF EXISTS course_modules_content_changed ON course_modules;
CREATE TRIGGER course_modules_content_changed AFTER UPDATE OF title ON course_modules
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
  EXECUTE FUNCTION course_versions_content_changed();

DROP TRIGGER IF EXISTS lessons_added_removed ON lessons;
CREATE TRIGGER lessons_added_removed AFTER INSERT OR DELETE ON lessons
  FOR EACH ROW EXECUTE FUNCTION course_versions_content_changed();

DROP TRIGGER IF EXISTS lessons_content_changed ON lessons;
-- A video's standard file is content; the low-data and audio renditions made from it are not. The
-- video column is read through to_jsonb: it comes with a later migration than this file's first.
CREATE TRIGGER lessons_content_changed AFTER UPDATE ON lessons
  FOR EACH ROW
  WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.body IS DISTINCT FROM NEW.body
        OR OLD.video_url IS DISTINCT FROM NEW.video_url OR OLD.transcript IS DISTINCT FROM NEW.transcript
        OR OLD.resource IS DISTINCT FROM NEW.resource OR OLD.quiz IS DISTINCT FROM NEW.quiz
        OR to_jsonb(OLD) -> 'video' -> 'standard' IS DISTINCT FROM to_jsonb(NEW) -> 'video' -> 'standard')
  EXECUTE FUNCTION course_versions_content_changed();
