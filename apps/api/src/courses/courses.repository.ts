import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { LOCALES } from '@ctlp/contracts';
import type {
  AgencyType,
  CourseStatus,
  EnrolmentPolicy,
  EnrolmentStatus,
  LessonKind,
  Locale,
  QuizPurpose,
  TranslationStatus,
} from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { allOf, query, rawSql, sql, type Sql } from '../common/sql.js';
import { REFERENCED_UPLOADS_SQL } from '../common/upload-store.js';
import { audienceCondition, editableCondition, ownedCondition, retakeCondition, visibleCondition } from './course-access.js';
import type { CourseCover } from './course-cover.js';
import { CourseTrainerEntity } from './course-trainer.entity.js';
import { CourseEntity } from './course.entity.js';
import { LessonEntity, lessonFiles, type LessonResource, type LessonVideo, type Quiz } from './lesson.entity.js';
import { ModuleEntity } from './module.entity.js';

export interface CourseSummaryRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: Locale;
  topics: string[];
  estimatedMinutes: number;
  enrolmentPolicy: EnrolmentPolicy;
  status: CourseStatus;
  publishedAt: Date | null;
  cover: CourseCover | null;
  familyId: string;
  translationStatus: TranslationStatus;
  /** The family's versions the caller may see, itself included (the catalog and the course page read them). */
  versions?: CourseVersionRow[];
}

/** A language version of a course's family, as a list of versions shows it. */
export interface CourseVersionRow {
  id: string;
  slug: string;
  language: Locale;
  title: string;
  status: CourseStatus;
  translationStatus: TranslationStatus;
  /** The caller may edit this version. */
  canEdit: boolean;
  /** The caller's current enrolment is in this version. */
  enrolled: boolean;
}

const SUMMARY_COLUMNS = rawSql(`c.id, c.slug, c.title, c.summary, c.language, c.topics, c.estimated_minutes AS "estimatedMinutes",
  c.enrolment_policy AS "enrolmentPolicy", c.status, c.published_at AS "publishedAt", c.cover,
  c.family_id AS "familyId", c.translation_status AS "translationStatus"`);

/** The six languages in the order the platform lists them. */
const LANGUAGE_ORDER = rawSql(`ARRAY[${LOCALES.map((locale) => `'${locale}'`).join(', ')}]::locale[]`);

/**
 * The versions of alias c's family that `which` (a condition on alias v) lets through, as a JSON
 * array in language order: one index range scan on courses_family_language_key per course listed.
 */
function versionsOf(user: SessionUser | undefined, which: Sql): Sql {
  return sql`(SELECT coalesce(json_agg(json_build_object('id', v.id, 'slug', v.slug, 'language', v.language, 'title', v.title,
                       'status', v.status, 'translationStatus', v.translation_status, 'canEdit', ${editableCondition(user, 'v')},
                       'enrolled', EXISTS (SELECT 1 FROM enrolments ve WHERE ve.course_id = v.id AND ve.user_id = ${user?.id ?? null}
                                             AND ve.superseded_at IS NULL AND ve.status IN ('pending', 'active', 'completed')))
                     ORDER BY array_position(${LANGUAGE_ORDER}, v.language)), '[]')
             FROM courses v WHERE v.family_id = c.family_id AND (${which}))`;
}

/** Published for an audience that admits the caller: what a learner may see of a family. */
const publishedFor = (user: SessionUser | undefined, alias: string): Sql =>
  sql`(${rawSql(alias)}.status = 'published' AND ${audienceCondition(user, alias)})`;

/** What an author may change of a course, under the entity's property names. */
export interface CourseColumns {
  slug: string;
  title: string;
  summary: string;
  description: string;
  descriptionHtml: string;
  language: Locale;
  topics: string[];
  estimatedMinutes: number;
  enrolmentPolicy: EnrolmentPolicy;
  audienceMemberStates: string[];
  audienceAgencyTypes: AgencyType[];
  certificateEnabled: boolean;
  certificateValidityMonths: number | null;
  sequential: boolean;
}

export interface CourseRow extends CourseSummaryRow, CourseColumns {
  ownerId: string;
}

// Arrays of an enum type come back from pg as text ('{police}'): read them as text[].
const COURSE_COLUMNS = sql`${SUMMARY_COLUMNS}, c.description, c.description_html AS "descriptionHtml",
  c.audience_member_states AS "audienceMemberStates", c.audience_agency_types::text[] AS "audienceAgencyTypes",
  c.certificate_enabled AS "certificateEnabled", c.certificate_validity_months AS "certificateValidityMonths", c.owner_id AS "ownerId", c.sequential`;

/** A course required before another, and whether the caller completed it (any completed enrolment). */
export interface PrerequisiteRow {
  id: string;
  slug: string;
  title: string;
  completed: boolean;
}

/** A course as one caller sees it: their enrolment and whether they may edit it. */
export interface CourseViewRow extends CourseRow {
  enrolmentId: string | null;
  enrolmentStatus: EnrolmentStatus | null;
  enrolmentCycle: number | null;
  /** The caller's current cycle has an expired certificate: they may take the course again. */
  enrolmentCanRetake: boolean;
  canEdit: boolean;
  /** The courses required before this one, by title, each with whether the caller completed it (any completed enrolment). */
  prerequisites: PrerequisiteRow[];
  /** Its family's versions: all of them for its editors, the published ones (and itself) for others. */
  versions: CourseVersionRow[];
}

/** A module of the outline with one of its lessons, or with none (`id` null). */
export interface OutlineLessonRow {
  moduleId: string;
  moduleTitle: string;
  modulePosition: number;
  id: string | null;
  title: string;
  kind: LessonKind;
  required: boolean;
  position: number;
  estimatedMinutes: number;
  completed: boolean;
}

export interface ModuleRow {
  id: string;
  courseId: string;
  title: string;
  position: number;
}

const MODULE_COLUMNS = rawSql(`m.id, m.course_id AS "courseId", m.title, m.position`);

export interface LessonRow {
  id: string;
  moduleId: string;
  courseId: string;
  title: string;
  kind: LessonKind;
  required: boolean;
  position: number;
  estimatedMinutes: number;
  body: string;
  bodyHtml: string;
  videoUrl: string | null;
  transcript: string;
  resource: LessonResource | null;
  quiz: Quiz | null;
  video: LessonVideo | null;
}

/** The select list of a LessonRow from alias l; learning reads lessons with it too. */
export const LESSON_COLUMNS = rawSql(`l.id, l.module_id AS "moduleId", l.course_id AS "courseId", l.title, l.kind, l.required, l.position,
  l.estimated_minutes AS "estimatedMinutes", l.body, l.body_html AS "bodyHtml", l.video_url AS "videoUrl", l.transcript, l.resource, l.quiz, l.video`);

export interface CourseTrainerRow {
  userId: string;
  fullName: string;
  email: string;
  role: 'owner' | 'co_trainer';
}

export interface CatalogFilters {
  q?: string;
  topic?: string;
  language?: Locale;
  /** The language a family is shown in when it has a version in it. */
  lang: Locale;
  limit: number;
  offset: number;
}

/** Every statement about courses, their modules, lessons and trainers. */
@Injectable()
export class CoursesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of the published catalog the caller may see, one card per family of language versions,
   * and the total of families: one statement with count(*) OVER (), and a count of its own only for
   * a page past the end (no row to carry it). A family is shown in its published version in
   * `lang` when there is one, else its original, else its first version published; a search finds
   * a family by any of its versions' text.
   */
  async catalog(
    user: SessionUser | undefined,
    filters: CatalogFilters,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: CourseSummaryRow[]; total: number }> {
    // The same expression as the courses_search_idx index, so the index serves it.
    const vector = rawSql('course_search_vector(c.language, c.title, c.summary, c.description)');
    const conditions = [publishedFor(user, 'c')];
    if (filters.topic) conditions.push(sql`${filters.topic} = ANY(c.topics)`);
    if (filters.language) conditions.push(sql`c.language = ${filters.language}`);
    const where = allOf(conditions);
    const matched = filters.q
      ? sql`JOIN (SELECT c.family_id, max(ts_rank(${vector}, course_search_query(${filters.q}))) AS rank FROM courses c
                   WHERE ${where} AND ${vector} @@ course_search_query(${filters.q}) GROUP BY c.family_id) f ON f.family_id = c.family_id`
      : sql`CROSS JOIN (SELECT NULL::real AS rank) f`;
    const families = sql`SELECT DISTINCT ON (c.family_id) c.*, f.rank FROM courses c ${matched} WHERE ${where}
                          ORDER BY c.family_id, c.language = ${filters.lang} DESC, c.translation_status = 'original' DESC, c.published_at, c.id`;
    const order = filters.q ? sql`c.rank DESC, c.published_at DESC, c.id` : sql`c.published_at DESC, c.id`;
    const rows = await query<CourseSummaryRow & { total: string }>(
      manager,
      sql`SELECT ${SUMMARY_COLUMNS}, ${versionsOf(user, publishedFor(user, 'v'))} AS versions, count(*) OVER () AS total
            FROM (${families}) c
           ORDER BY ${order} LIMIT ${filters.limit} OFFSET ${filters.offset}`,
    );
    if (rows.length) return { rows, total: Number(rows[0]!.total) };
    if (filters.offset === 0) return { rows, total: 0 };
    const [counted] = await query<{ total: number }>(manager, sql`SELECT count(*)::int AS total FROM (${families}) c`);
    return { rows, total: counted!.total };
  }

  /** Courses the user may edit, any status, last changed first. */
  async editableBy(user: SessionUser, manager: EntityManager = this.dataSource.manager): Promise<CourseSummaryRow[]> {
    return query<CourseSummaryRow>(
      manager,
      sql`SELECT ${SUMMARY_COLUMNS} FROM courses c WHERE ${editableCondition(user)} ORDER BY c.updated_at DESC`,
    );
  }

  /**
   * A course by id or slug as the caller may see it: editable by them, published for an audience
   * that admits them, or archived with their enrolment in it. Undefined for anything else.
   */
  async view(
    user: SessionUser | undefined,
    key: { id: string } | { slug: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CourseViewRow | undefined> {
    const editable = editableCondition(user);
    const [row] = await query<CourseViewRow>(
      manager,
      sql`SELECT ${COURSE_COLUMNS}, e.id AS "enrolmentId", e.status AS "enrolmentStatus", e.cycle AS "enrolmentCycle",
                 coalesce(${retakeCondition('e')}, false) AS "enrolmentCanRetake", ${editable} AS "canEdit",
                 (SELECT coalesce(json_agg(json_build_object('id', p.id, 'slug', p.slug, 'title', p.title, 'completed',
                           EXISTS (SELECT 1 FROM enrolments pe WHERE pe.course_id = p.id AND pe.user_id = ${user?.id ?? null} AND pe.status = 'completed'))
                         ORDER BY p.title, p.id), '[]')
                    FROM course_prerequisites cp JOIN courses p ON p.id = cp.prerequisite_id WHERE cp.course_id = c.id) AS prerequisites,
                 ${versionsOf(user, sql`v.id = c.id OR ${editable} OR ${publishedFor(user, 'v')}`)} AS versions
            FROM courses c
            LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = ${user?.id ?? null} AND e.superseded_at IS NULL
           WHERE ${'id' in key ? sql`c.id = ${key.id}` : sql`c.slug = ${key.slug}`}
             AND ${visibleCondition(user)}`,
    );
    return row;
  }

  /**
   * A course's cover, if the caller may see the course (as view() decides), and whether anyone may:
   * only then may shared caches keep its images.
   */
  async coverOf(
    user: SessionUser | undefined,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ cover: CourseCover | null; public: boolean } | undefined> {
    const [row] = await query<{ cover: CourseCover | null; public: boolean }>(
      manager,
      sql`SELECT c.cover, (c.status = 'published' AND ${audienceCondition(undefined)}) AS public
            FROM courses c WHERE c.id = ${id} AND ${visibleCondition(user)}`,
    );
    return row;
  }

  /** Sets or clears a course's cover; the caller holds the course's lock (lockEditable). */
  async setCover(id: string, cover: CourseCover | null, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(CourseEntity, { id }, { cover });
  }

  /** The modules of a course in order, each with its lessons in order (no content) and whether the enrolment did them. */
  async outline(
    courseId: string,
    enrolmentId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OutlineLessonRow[]> {
    return query<OutlineLessonRow>(
      manager,
      sql`SELECT m.id AS "moduleId", m.title AS "moduleTitle", m.position AS "modulePosition",
                 l.id, l.title, l.kind, l.required, l.position, l.estimated_minutes AS "estimatedMinutes",
                 (lp.lesson_id IS NOT NULL) AS completed
            FROM course_modules m
            LEFT JOIN lessons l ON l.module_id = m.id
            LEFT JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.enrolment_id = ${enrolmentId}
           WHERE m.course_id = ${courseId}
           ORDER BY m.position, m.id, l.position, l.id`,
    );
  }

  /** The published course if its audience admits the user: what enrolling needs of it. */
  async enrollable(
    user: SessionUser,
    courseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; enrolmentPolicy: EnrolmentPolicy } | undefined> {
    const [row] = await query<{ id: string; enrolmentPolicy: EnrolmentPolicy }>(
      manager,
      sql`SELECT c.id, c.enrolment_policy AS "enrolmentPolicy" FROM courses c
           WHERE c.id = ${courseId} AND c.status = 'published' AND ${audienceCondition(user)}`,
    );
    return row;
  }

  async isEditable(user: SessionUser, courseId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await query<{ found: boolean }>(
      manager,
      sql`SELECT EXISTS (SELECT 1 FROM courses c WHERE c.id = ${courseId} AND ${editableCondition(user)}) AS found`,
    );
    return row!.found;
  }

  /** The course, locked for this transaction, if the user may edit it (or, `owned`, owns it). */
  async lockEditable(
    user: SessionUser,
    id: string,
    options: { owned?: boolean } = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CourseRow | undefined> {
    const condition = options.owned ? ownedCondition(user) : editableCondition(user);
    const [row] = await query<CourseRow>(
      manager,
      sql`SELECT ${COURSE_COLUMNS} FROM courses c WHERE c.id = ${id} AND ${condition} FOR UPDATE`,
    );
    return row;
  }

  /** Slugs taken by `base` and its numbered variants (`base-2`, …). */
  async slugsLike(base: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await query<{ slug: string }>(manager, sql`SELECT slug FROM courses WHERE slug = ${base} OR slug LIKE ${base} || '-%'`);
    return rows.map((row) => row.slug);
  }

  async insertCourse(
    values: Partial<CourseColumns> & { ownerId: string; slug: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const { identifiers } = await manager.insert(CourseEntity, values);
    return identifiers[0]!.id as string;
  }

  async updateCourse(
    id: string,
    values: Partial<CourseColumns> & { status?: CourseStatus; publishedAt?: Date | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(CourseEntity, { id }, values);
  }

  async countLessons(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await query<{ lessons: number }>(
      manager,
      sql`SELECT count(*)::int AS lessons FROM lessons WHERE course_id = ${courseId}`,
    );
    return row!.lessons;
  }

  // Language versions ---------------------------------------------------------------------------

  /** The versions of a course's family the caller may see (as view() lists them); undefined when the course is not theirs to see. */
  async versions(
    user: SessionUser | undefined,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CourseVersionRow[] | undefined> {
    const editable = editableCondition(user);
    const [row] = await query<{ versions: CourseVersionRow[] }>(
      manager,
      sql`SELECT ${versionsOf(user, sql`v.id = c.id OR ${editable} OR ${publishedFor(user, 'v')}`)} AS versions
            FROM courses c WHERE c.id = ${id} AND ${visibleCondition(user)}`,
    );
    return row?.versions;
  }

  /** The family's original (its id is the family's) and whether the family already has a version in `language`. */
  async family(
    familyId: string,
    language: Locale,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ originalSlug: string; languageTaken: boolean }> {
    const [row] = await query<{ originalSlug: string; languageTaken: boolean }>(
      manager,
      sql`SELECT o.slug AS "originalSlug",
                 EXISTS (SELECT 1 FROM courses v WHERE v.family_id = ${familyId} AND v.language = ${language}) AS "languageTaken"
            FROM courses o WHERE o.id = ${familyId}`,
    );
    return row!;
  }

  /**
   * The stored names of the course's lesson files (resources and video renditions), the lessons
   * locked against a new file until the transaction ends: a copy of the course copies the files
   * these rows name.
   */
  async lockLessonFiles(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await query<{ storedName: string }>(
      manager,
      sql`SELECT f.name AS "storedName"
            FROM (SELECT id, resource, video FROM lessons WHERE course_id = ${courseId} FOR SHARE) l
            CROSS JOIN LATERAL (SELECT l.resource->>'storedName' AS name
                                UNION ALL SELECT v.value->>'storedName' FROM jsonb_each(coalesce(l.video, '{}')) v) f
           WHERE f.name IS NOT NULL`,
    );
    return rows.map((row) => row.storedName);
  }

  /**
   * A new version of the source course's family in `language`: a draft owned by `ownerId`, marked
   * in_progress, with the source's settings, prerequisites and content (modules and lessons, each
   * lesson's file and video renditions and the cover under the new stored names `files` maps the
   * old ones to; a file not in the map is left out). The source's owner and co-trainers other than the new owner co-train it.
   */
  async insertVersion(
    values: { sourceId: string; ownerId: string; slug: string; language: Locale; files: Record<string, string> },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const files = JSON.stringify(values.files);
    const [created] = await query<{ id: string }>(
      manager,
      sql`INSERT INTO courses (slug, title, summary, description, description_html, language, topics, estimated_minutes, status,
                               enrolment_policy, audience_member_states, audience_agency_types, sequential, certificate_enabled,
                               certificate_validity_months, cover, owner_id, family_id, translation_status)
          SELECT ${values.slug}, s.title, s.summary, s.description, s.description_html, ${values.language}, s.topics, s.estimated_minutes,
                 'draft', s.enrolment_policy, s.audience_member_states, s.audience_agency_types, s.sequential, s.certificate_enabled,
                 s.certificate_validity_months,
                 CASE WHEN s.cover IS NOT NULL AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(s.cover->'files') f WHERE NOT (${files}::jsonb ? f.value))
                      THEN jsonb_set(s.cover, '{files}', (SELECT jsonb_object_agg(f.key, ${files}::jsonb ->> f.value) FROM jsonb_each_text(s.cover->'files') f))
                 END,
                 ${values.ownerId}, s.family_id, 'in_progress'
            FROM courses s WHERE s.id = ${values.sourceId}
          RETURNING id`,
    );
    const id = created!.id;
    await query(
      manager,
      sql`INSERT INTO course_prerequisites (course_id, prerequisite_id) SELECT ${id}, prerequisite_id FROM course_prerequisites WHERE course_id = ${values.sourceId}`,
    );
    await query(
      manager,
      sql`INSERT INTO course_trainers (course_id, user_id)
          SELECT ${id}, t.user_id FROM (SELECT owner_id AS user_id FROM courses WHERE id = ${values.sourceId}
                                         UNION SELECT user_id FROM course_trainers WHERE course_id = ${values.sourceId}) t
           WHERE t.user_id <> ${values.ownerId}`,
    );
    // New ids for the modules first, so that each lesson finds its module's copy.
    await query(
      manager,
      sql`WITH m AS MATERIALIZED (SELECT id AS old_id, gen_random_uuid() AS new_id, title, position FROM course_modules WHERE course_id = ${values.sourceId}),
               copied AS (INSERT INTO course_modules (id, course_id, title, position) SELECT new_id, ${id}, title, position FROM m)
          INSERT INTO lessons (module_id, course_id, title, kind, required, estimated_minutes, position, body, body_html, video_url,
                               transcript, resource, quiz, video)
          SELECT m.new_id, ${id}, l.title, l.kind, l.required, l.estimated_minutes, l.position, l.body, l.body_html, l.video_url,
                 l.transcript,
                 CASE WHEN ${files}::jsonb ? (l.resource->>'storedName')
                      THEN jsonb_set(l.resource, '{storedName}', ${files}::jsonb -> (l.resource->>'storedName')) END,
                 l.quiz,
                 -- Each rendition under its copy's name; one whose file was not copied is left out.
                 (SELECT jsonb_object_agg(v.key, jsonb_set(v.value, '{storedName}', ${files}::jsonb -> (v.value->>'storedName')))
                    FROM jsonb_each(l.video) v WHERE ${files}::jsonb ? (v.value->>'storedName'))
            FROM lessons l JOIN m ON m.old_id = l.module_id`,
    );
    return id;
  }

  async setTranslationStatus(
    id: string,
    translationStatus: TranslationStatus,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(CourseEntity, { id }, { translationStatus });
  }

  // Prerequisites ------------------------------------------------------------------------------

  /**
   * What is wrong with requiring `ids` before `courseId`: those that are not published courses, and
   * those that already require `courseId` (directly or through others), which would close a cycle.
   * Run under lockPrerequisites, so two edits cannot each close half of one.
   */
  async prerequisiteProblems(
    courseId: string,
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ unavailable: string[]; cycle: string[] }> {
    const unavailable = await query<{ id: string }>(
      manager,
      sql`SELECT x.id FROM unnest(${ids}::uuid[]) AS x (id)
           WHERE NOT EXISTS (SELECT 1 FROM courses c WHERE c.id = x.id AND c.status = 'published')`,
    );
    const cycle = await query<{ id: string }>(
      manager,
      sql`WITH RECURSIVE requires (start, id) AS (
            SELECT x.id, x.id FROM unnest(${ids}::uuid[]) AS x (id)
            UNION
            SELECT r.start, cp.prerequisite_id FROM requires r JOIN course_prerequisites cp ON cp.course_id = r.id
          )
          SELECT DISTINCT start AS id FROM requires WHERE id = ${courseId}`,
    );
    return { unavailable: unavailable.map((row) => row.id), cycle: cycle.map((row) => row.id) };
  }

  /** Prerequisites change one course at a time until the transaction ends: the cycle check reads a settled graph. */
  async lockPrerequisites(manager: EntityManager): Promise<void> {
    await query(manager, sql`SELECT pg_advisory_xact_lock(hashtextextended('course-prerequisites', 0))`);
  }

  async setPrerequisites(courseId: string, ids: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query(
      manager,
      sql`DELETE FROM course_prerequisites WHERE course_id = ${courseId} AND NOT (prerequisite_id = ANY(${ids}::uuid[]))`,
    );
    await query(
      manager,
      sql`INSERT INTO course_prerequisites (course_id, prerequisite_id) SELECT ${courseId}, x.id FROM unnest(${ids}::uuid[]) AS x (id)
          ON CONFLICT DO NOTHING`,
    );
  }

  /**
   * The prerequisites of a course the user has not completed yet (no completed enrolment of any
   * cycle), by title. An archived prerequisite no longer holds anyone back: nobody can take it.
   */
  async missingPrerequisites(
    courseId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<{ id: string; slug: string; title: string }>> {
    return query<{ id: string; slug: string; title: string }>(
      manager,
      sql`SELECT p.id, p.slug, p.title
            FROM course_prerequisites cp JOIN courses p ON p.id = cp.prerequisite_id
           WHERE cp.course_id = ${courseId} AND p.status = 'published'
             AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = p.id AND e.user_id = ${userId} AND e.status = 'completed')
           ORDER BY p.title, p.id`,
    );
  }

  // Modules ------------------------------------------------------------------------------------

  /** A module of a course the user may edit, locked for this transaction. */
  async lockEditableModule(
    user: SessionUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ModuleRow | undefined> {
    const [row] = await query<ModuleRow>(
      manager,
      sql`SELECT ${MODULE_COLUMNS} FROM course_modules m JOIN courses c ON c.id = m.course_id
           WHERE m.id = ${id} AND ${editableCondition(user)} FOR UPDATE OF m`,
    );
    return row;
  }

  async moduleById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ModuleRow | undefined> {
    const [row] = await query<ModuleRow>(manager, sql`SELECT ${MODULE_COLUMNS} FROM course_modules m WHERE m.id = ${id}`);
    return row;
  }

  /** A module of the given course, or undefined. */
  async moduleOfCourse(id: string, courseId: string, manager: EntityManager = this.dataSource.manager): Promise<ModuleRow | undefined> {
    const [row] = await query<ModuleRow>(
      manager,
      sql`SELECT ${MODULE_COLUMNS} FROM course_modules m WHERE m.id = ${id} AND m.course_id = ${courseId}`,
    );
    return row;
  }

  async nextModulePosition(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await query<{ next: number }>(
      manager,
      sql`SELECT coalesce(max(position) + 1, 0)::int AS next FROM course_modules WHERE course_id = ${courseId}`,
    );
    return row!.next;
  }

  async insertModule(values: Omit<ModuleRow, 'id'>, manager: EntityManager = this.dataSource.manager): Promise<ModuleRow> {
    const { identifiers } = await manager.insert(ModuleEntity, values);
    return { id: identifiers[0]!.id as string, ...values };
  }

  async updateModule(
    id: string,
    values: Partial<Pick<ModuleRow, 'title'>>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(ModuleEntity, { id }, values);
  }

  /**
   * Deletes a module and, by cascade, its lessons; returns the stored names of the files they held.
   * The lessons are locked first, so a file being attached to one commits before it is read here.
   */
  async deleteModule(id: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await query<{ resource: LessonResource | null; video: LessonVideo | null }>(
      manager,
      sql`SELECT resource, video FROM lessons WHERE module_id = ${id} FOR UPDATE`,
    );
    await manager.delete(ModuleEntity, { id });
    return rows.flatMap((row) => lessonFiles(row).map((file) => file.storedName));
  }

  /** The course's modules in their order. */
  async moduleIdsInOrder(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM course_modules WHERE course_id = ${courseId} ORDER BY position, id`,
    );
    return rows.map((row) => row.id);
  }

  // Lessons ------------------------------------------------------------------------------------

  /** A lesson of a course the user may edit, locked for this transaction. */
  async lockEditableLesson(
    user: SessionUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LessonRow | undefined> {
    const [row] = await query<LessonRow>(
      manager,
      sql`SELECT ${LESSON_COLUMNS} FROM lessons l JOIN courses c ON c.id = l.course_id
           WHERE l.id = ${id} AND ${editableCondition(user)} FOR UPDATE OF l`,
    );
    return row;
  }

  /** A lesson locked for this transaction, whoever asks: for the platform's own work (jobs), never a request's. */
  async lockLesson(id: string, manager: EntityManager): Promise<LessonRow | undefined> {
    const [row] = await query<LessonRow>(manager, sql`SELECT ${LESSON_COLUMNS} FROM lessons l WHERE l.id = ${id} FOR UPDATE`);
    return row;
  }

  async lessonById(id: string, manager: EntityManager = this.dataSource.manager): Promise<LessonRow | undefined> {
    const [row] = await query<LessonRow>(manager, sql`SELECT ${LESSON_COLUMNS} FROM lessons l WHERE l.id = ${id}`);
    return row;
  }

  /**
   * The quizzes of a course the user may edit, in course order; undefined when they may not (or
   * there is no such course): the access check is in the statement.
   */
  async quizzesOfEditableCourse(
    user: SessionUser,
    courseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ lessonId: string; lessonTitle: string; quiz: Quiz }[] | undefined> {
    const rows = await query<{ lessonId: string | null; lessonTitle: string; quiz: Quiz }>(
      manager,
      sql`SELECT l.id AS "lessonId", l.title AS "lessonTitle", l.quiz
            FROM courses c
            LEFT JOIN course_modules m ON m.course_id = c.id
            LEFT JOIN lessons l ON l.module_id = m.id AND l.kind = 'quiz'
           WHERE c.id = ${courseId} AND ${editableCondition(user)}
           ORDER BY m.position, l.position`,
    );
    if (!rows.length) return undefined;
    return rows.filter((row): row is { lessonId: string; lessonTitle: string; quiz: Quiz } => row.lessonId !== null);
  }

  /** Whether any learner has attempted this quiz lesson (its attempts would lose their questions). */
  async lessonHasAttempts(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await query<{ any: boolean }>(manager, sql`SELECT EXISTS (SELECT 1 FROM quiz_attempts WHERE lesson_id = ${id}) AS any`);
    return row!.any;
  }

  async nextLessonPosition(moduleId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await query<{ next: number }>(
      manager,
      sql`SELECT coalesce(max(position) + 1, 0)::int AS next FROM lessons WHERE module_id = ${moduleId}`,
    );
    return row!.next;
  }

  async insertLesson(values: Partial<Omit<LessonRow, 'id'>>, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const { identifiers } = await manager.insert(LessonEntity, values);
    return identifiers[0]!.id as string;
  }

  async updateLesson(
    id: string,
    values: Partial<Omit<LessonRow, 'id' | 'courseId'>>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (Object.keys(values).length) await manager.update(LessonEntity, { id }, values);
  }

  async deleteLesson(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(LessonEntity, { id });
  }

  /**
   * Which of these stored names a lesson's file or a cover's rendition is. Read after the sweep has
   * listed the folder: a file is moved into place only after the row naming it commits, so any
   * placed file the listing saw that a row still names is in this answer.
   */
  async referencedUploads(storedNames: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!storedNames.length) return [];
    const rows = await query<{ storedName: string }>(
      manager,
      sql`SELECT DISTINCT name AS "storedName" FROM (${rawSql(REFERENCED_UPLOADS_SQL)}) referenced
           WHERE name = ANY(${storedNames}::text[])`,
    );
    return rows.map((row) => row.storedName);
  }

  /** The module's lessons in their order, but for `except`. */
  async lessonIdsInOrder(moduleId: string, except: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM lessons WHERE module_id = ${moduleId} AND id <> ${except} ORDER BY position, id`,
    );
    return rows.map((row) => row.id);
  }

  /** Positions 0, 1, 2, … in the order given. */
  async renumber(table: 'course_modules' | 'lessons', ids: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(
      manager,
      sql`UPDATE ${rawSql(table)} t SET position = o.position - 1
            FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS o(id, position) WHERE t.id = o.id`,
    );
  }

  // Trainers -----------------------------------------------------------------------------------

  /** The owner, then the co-trainers by name; empty when the user may not edit the course. */
  async trainers(user: SessionUser, courseId: string, manager: EntityManager = this.dataSource.manager): Promise<CourseTrainerRow[]> {
    const editable = editableCondition(user);
    return query<CourseTrainerRow>(
      manager,
      sql`SELECT u.id AS "userId", u.full_name AS "fullName", u.email, 'owner' AS role, 0 AS sort
            FROM courses c JOIN users u ON u.id = c.owner_id
           WHERE c.id = ${courseId} AND ${editable}
          UNION ALL
          SELECT u.id, u.full_name, u.email, 'co_trainer', 1
            FROM courses c JOIN course_trainers ct ON ct.course_id = c.id JOIN users u ON u.id = ct.user_id
           WHERE c.id = ${courseId} AND ${editable}
           ORDER BY sort, "fullName"`,
    );
  }

  async activeTrainerByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<{ id: string } | undefined> {
    const [row] = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM users WHERE email = ${email} AND status = 'active' AND 'trainer' = ANY(roles)`,
    );
    return row;
  }

  /** Adds a co-trainer; false when they already were one. */
  async addTrainer(courseId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const inserted = await query(
      manager,
      sql`INSERT INTO course_trainers (course_id, user_id) VALUES (${courseId}, ${userId}) ON CONFLICT DO NOTHING RETURNING user_id`,
    );
    return inserted.length > 0;
  }

  /** Removes a co-trainer; false when they were none. */
  async removeTrainer(courseId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const { affected } = await manager.delete(CourseTrainerEntity, { courseId, userId });
    return Boolean(affected);
  }

  /**
   * Another lesson of the course whose quiz has this purpose (the course's pre-test or post-test),
   * after locking the course row, so that two lessons saved at once cannot both take the purpose.
   */
  async lockPurposeHolder(
    courseId: string,
    purpose: QuizPurpose,
    exceptLessonId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | undefined> {
    await query(manager, sql`SELECT 1 FROM courses WHERE id = ${courseId} FOR UPDATE`);
    const [row] = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM lessons
           WHERE course_id = ${courseId} AND quiz ->> 'purpose' = ${purpose} AND id IS DISTINCT FROM ${exceptLessonId}::uuid`,
    );
    return row?.id;
  }
}
