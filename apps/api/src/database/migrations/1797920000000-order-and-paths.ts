import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, order and paths: sequential courses, course prerequisites, learning paths, and path
 * certificates (one per holder and path; a certificate is now of exactly one enrolment, activity
 * place or path).
 */
export class OrderAndPaths1797920000000 implements MigrationInterface {
  name = 'OrderAndPaths1797920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "course_prerequisites" ("course_id" uuid NOT NULL, "prerequisite_id" uuid NOT NULL, CONSTRAINT "course_prerequisites_not_itself_chk" CHECK (course_id <> prerequisite_id), CONSTRAINT "PK_706e83b86d0099af2e566fc8020" PRIMARY KEY ("course_id", "prerequisite_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "course_prerequisites_prerequisite_idx" ON "course_prerequisites"  ("prerequisite_id") `);
    await queryRunner.query(`CREATE TYPE "public"."learning_path_status" AS ENUM('draft', 'published')`);
    await queryRunner.query(
      `CREATE TABLE "learning_paths" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "description_html" text NOT NULL DEFAULT '', "language" "public"."locale" NOT NULL DEFAULT 'en', "status" "public"."learning_path_status" NOT NULL DEFAULT 'draft', "owner_id" uuid NOT NULL, "certificate_enabled" boolean NOT NULL DEFAULT true, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2f073530d2af4a865296c06274c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "learning_paths_slug_key" ON "learning_paths"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "learning_paths_owner_idx" ON "learning_paths"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "learning_paths_catalog_idx" ON "learning_paths"  ("status", "published_at") `);
    await queryRunner.query(
      `CREATE TABLE "learning_path_courses" ("path_id" uuid NOT NULL, "course_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_f47b3ee87c7c65dfae611b9011c" PRIMARY KEY ("path_id", "course_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "learning_path_courses_course_idx" ON "learning_path_courses"  ("course_id") `);
    await queryRunner.query(`ALTER TABLE "courses" ADD "sequential" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "learning_path_id" uuid`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "certificates_kind_chk"`);
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "certificates_kind_chk" CHECK (num_nonnulls(enrolment_id, activity_participant_id, learning_path_id) = 1)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certificates_user_learning_path_key" ON "certificates"  ("user_id", "learning_path_id") WHERE learning_path_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "certificates_learning_path_id_fkey" FOREIGN KEY ("learning_path_id") REFERENCES "learning_paths"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_prerequisites" ADD CONSTRAINT "course_prerequisites_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_prerequisites" ADD CONSTRAINT "course_prerequisites_prerequisite_id_fkey" FOREIGN KEY ("prerequisite_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_paths" ADD CONSTRAINT "learning_paths_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_path_courses" ADD CONSTRAINT "learning_path_courses_path_id_fkey" FOREIGN KEY ("path_id") REFERENCES "learning_paths"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_path_courses" ADD CONSTRAINT "learning_path_courses_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "learning_path_courses" DROP CONSTRAINT "learning_path_courses_course_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "learning_path_courses" DROP CONSTRAINT "learning_path_courses_path_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "learning_paths" DROP CONSTRAINT "learning_paths_owner_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "course_prerequisites" DROP CONSTRAINT "course_prerequisites_prerequisite_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "course_prerequisites" DROP CONSTRAINT "course_prerequisites_course_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "certificates_learning_path_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."certificates_user_learning_path_key"`);
    await queryRunner.query(`DELETE FROM "certificates" WHERE "learning_path_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "certificates_kind_chk"`);
    await queryRunner.query(
      `ALTER TABLE "certificates" ADD CONSTRAINT "certificates_kind_chk" CHECK ((enrolment_id IS NULL) <> (activity_participant_id IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "learning_path_id"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "sequential"`);
    await queryRunner.query(`DROP INDEX "public"."learning_path_courses_course_idx"`);
    await queryRunner.query(`DROP TABLE "learning_path_courses"`);
    await queryRunner.query(`DROP INDEX "public"."learning_paths_catalog_idx"`);
    await queryRunner.query(`DROP INDEX "public"."learning_paths_owner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."learning_paths_slug_key"`);
    await queryRunner.query(`DROP TABLE "learning_paths"`);
    await queryRunner.query(`DROP TYPE "public"."learning_path_status"`);
    await queryRunner.query(`DROP INDEX "public"."course_prerequisites_prerequisite_idx"`);
    await queryRunner.query(`DROP TABLE "course_prerequisites"`);
  }
}
