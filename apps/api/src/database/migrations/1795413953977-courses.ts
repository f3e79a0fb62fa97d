import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Courses1795413953977 implements MigrationInterface {
  name = 'Courses1795413953977';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."course_status" AS ENUM('draft', 'published', 'archived')`);
    await queryRunner.query(`CREATE TYPE "public"."enrolment_policy" AS ENUM('open', 'approval', 'invitation')`);
    await queryRunner.query(
      `CREATE TABLE "courses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "description_html" text NOT NULL DEFAULT '', "language" "public"."locale" NOT NULL DEFAULT 'en', "topics" text array NOT NULL DEFAULT '{}', "estimated_minutes" integer NOT NULL DEFAULT '0', "status" "public"."course_status" NOT NULL DEFAULT 'draft', "enrolment_policy" "public"."enrolment_policy" NOT NULL DEFAULT 'open', "audience_member_states" character(3) array NOT NULL DEFAULT '{}', "audience_agency_types" "public"."agency_type" array NOT NULL DEFAULT '{}', "certificate_enabled" boolean NOT NULL DEFAULT true, "certificate_validity_months" integer, "owner_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "courses_validity_chk" CHECK (certificate_validity_months IS NULL OR certificate_validity_months BETWEEN 1 AND 240), CONSTRAINT "PK_3f70a487cc718ad8eda4e6d58c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "courses_slug_key" ON "courses"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "courses_owner_idx" ON "courses"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "courses_catalog_idx" ON "courses"  ("status", "published_at") `);
    // Catalog search in the six languages: words stemmed in the course's language where PostgreSQL
    // has a stemmer (English, French, Spanish, Russian), plus every word as written (Arabic, Chinese,
    // names, acronyms). The query side ORs the same configurations.
    await queryRunner.query(`CREATE FUNCTION course_search_vector(lang locale, title text, summary text, description text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector(cfg, title), 'A') || setweight(to_tsvector(cfg, summary), 'B') || setweight(to_tsvector(cfg, description), 'C')
               || setweight(to_tsvector('simple', title || ' ' || summary), 'B') || setweight(to_tsvector('simple', description), 'D')
          FROM (SELECT CASE lang WHEN 'en' THEN 'english' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish' WHEN 'ru' THEN 'russian' ELSE 'simple' END::regconfig AS cfg) c
      $$`);
    await queryRunner.query(`CREATE FUNCTION course_search_query(q text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT websearch_to_tsquery('simple', q) || websearch_to_tsquery('english', q) || websearch_to_tsquery('french', q)
               || websearch_to_tsquery('spanish', q) || websearch_to_tsquery('russian', q)
      $$`);
    await queryRunner.query(
      `CREATE INDEX "courses_search_idx" ON "courses" USING gin (course_search_vector(language, title, summary, description))`,
    );
    await queryRunner.query(
      `CREATE TABLE "course_trainers" ("course_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7b50246f7e9585b96ddb8f9901a" PRIMARY KEY ("course_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "course_trainers_user_idx" ON "course_trainers"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "course_modules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "title" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_4c195db0718e8845a6e09075ebc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "course_modules_course_idx" ON "course_modules"  ("course_id", "position") `);
    await queryRunner.query(`CREATE TYPE "public"."lesson_kind" AS ENUM('text', 'video', 'resource', 'quiz')`);
    await queryRunner.query(
      `CREATE TABLE "lessons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "module_id" uuid NOT NULL, "course_id" uuid NOT NULL, "title" text NOT NULL, "kind" "public"."lesson_kind" NOT NULL, "required" boolean NOT NULL DEFAULT true, "estimated_minutes" integer NOT NULL DEFAULT '0', "position" integer NOT NULL, "body" text NOT NULL DEFAULT '', "body_html" text NOT NULL DEFAULT '', "video_url" text, "transcript" text NOT NULL DEFAULT '', "resource" jsonb, "quiz" jsonb, CONSTRAINT "lessons_quiz_chk" CHECK ((kind = 'quiz') = (quiz IS NOT NULL)), CONSTRAINT "PK_9b9a8d455cac672d262d7275730" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "lessons_course_idx" ON "lessons"  ("course_id") `);
    await queryRunner.query(`CREATE INDEX "lessons_module_idx" ON "lessons"  ("module_id", "position") `);
    await queryRunner.query(`CREATE TYPE "public"."enrolment_status" AS ENUM('pending', 'active', 'completed', 'rejected', 'withdrawn')`);
    await queryRunner.query(`CREATE TYPE "public"."enrolment_source" AS ENUM('self', 'trainer', 'bulk')`);
    await queryRunner.query(
      `CREATE TABLE "enrolments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" "public"."enrolment_status" NOT NULL, "source" "public"."enrolment_source" NOT NULL, "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "final_score" numeric(5,2), "last_activity_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6e79971fbd26967c4da9ed52770" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "enrolments_course_status_idx" ON "enrolments"  ("course_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "enrolments_user_course_key" ON "enrolments"  ("user_id", "course_id") `);
    await queryRunner.query(
      `CREATE TABLE "lesson_progress" ("enrolment_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "seconds_spent" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_c62491e4194a9dbfec25fd47c24" PRIMARY KEY ("enrolment_id", "lesson_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "lesson_progress_lesson_idx" ON "lesson_progress"  ("lesson_id") `);
    await queryRunner.query(
      `CREATE TABLE "quiz_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrolment_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "attempt_number" integer NOT NULL, "answers" jsonb NOT NULL, "score" numeric(5,2) NOT NULL, "passed" boolean NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a84a93fb092359516dc5b325b90" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "quiz_attempts_number_key" ON "quiz_attempts"  ("enrolment_id", "lesson_id", "attempt_number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "courses_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_trainers" ADD CONSTRAINT "course_trainers_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_trainers" ADD CONSTRAINT "course_trainers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_modules" ADD CONSTRAINT "course_modules_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lessons" ADD CONSTRAINT "lessons_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "course_modules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lessons" ADD CONSTRAINT "lessons_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."courses_search_idx"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP CONSTRAINT "quiz_attempts_lesson_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "quiz_attempts" DROP CONSTRAINT "quiz_attempts_enrolment_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lesson_progress" DROP CONSTRAINT "lesson_progress_lesson_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lesson_progress" DROP CONSTRAINT "lesson_progress_enrolment_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_course_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lessons" DROP CONSTRAINT "lessons_course_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "lessons" DROP CONSTRAINT "lessons_module_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "course_modules" DROP CONSTRAINT "course_modules_course_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "course_trainers" DROP CONSTRAINT "course_trainers_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "course_trainers" DROP CONSTRAINT "course_trainers_course_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "courses_owner_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."quiz_attempts_number_key"`);
    await queryRunner.query(`DROP TABLE "quiz_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."lesson_progress_lesson_idx"`);
    await queryRunner.query(`DROP TABLE "lesson_progress"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_user_course_key"`);
    await queryRunner.query(`DROP INDEX "public"."enrolments_course_status_idx"`);
    await queryRunner.query(`DROP TABLE "enrolments"`);
    await queryRunner.query(`DROP TYPE "public"."enrolment_source"`);
    await queryRunner.query(`DROP TYPE "public"."enrolment_status"`);
    await queryRunner.query(`DROP INDEX "public"."lessons_module_idx"`);
    await queryRunner.query(`DROP INDEX "public"."lessons_course_idx"`);
    await queryRunner.query(`DROP TABLE "lessons"`);
    await queryRunner.query(`DROP TYPE "public"."lesson_kind"`);
    await queryRunner.query(`DROP INDEX "public"."course_modules_course_idx"`);
    await queryRunner.query(`DROP TABLE "course_modules"`);
    await queryRunner.query(`DROP INDEX "public"."course_trainers_user_idx"`);
    await queryRunner.query(`DROP TABLE "course_trainers"`);
    await queryRunner.query(`DROP INDEX "public"."courses_catalog_idx"`);
    await queryRunner.query(`DROP INDEX "public"."courses_owner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."courses_slug_key"`);
    await queryRunner.query(`DROP TABLE "courses"`);
    await queryRunner.query(`DROP FUNCTION course_search_query(text)`);
    await queryRunner.query(`DROP FUNCTION course_search_vector(locale, text, text, text)`);
    await queryRunner.query(`DROP TYPE "public"."enrolment_policy"`);
    await queryRunner.query(`DROP TYPE "public"."course_status"`);
  }
}
