import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training activities (workshops, webinars…), the people who attend them, and their attendance per day. */
export class Activities1796900000000 implements MigrationInterface {
  name = 'Activities1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."activity_kind" AS ENUM('workshop', 'training_course', 'webinar', 'study_visit', 'mentoring', 'exercise', 'conference')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."activity_delivery" AS ENUM('in_person', 'online', 'hybrid')`);
    await queryRunner.query(`CREATE TYPE "public"."activity_status" AS ENUM('planned', 'held', 'closed')`);
    await queryRunner.query(
      `CREATE TABLE "activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."activity_kind" NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "delivery" "public"."activity_delivery" NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "venue_member_state" character(3), "city" text, "member_states" character(3) array NOT NULL DEFAULT '{}', "languages" "public"."locale" array NOT NULL DEFAULT '{}', "topics" text array NOT NULL DEFAULT '{}', "hours" numeric(6,1) NOT NULL DEFAULT '0', "required_attendance" integer NOT NULL DEFAULT '100', "course_id" uuid, "capacity" integer, "status" "public"."activity_status" NOT NULL DEFAULT 'planned', "organiser_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "activities_capacity_chk" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT "activities_hours_chk" CHECK (hours >= 0), CONSTRAINT "activities_required_attendance_chk" CHECK (required_attendance BETWEEN 0 AND 100), CONSTRAINT "activities_dates_chk" CHECK (ends_on >= starts_on AND ends_on - starts_on < 366), CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "activities_organiser_idx" ON "activities"  ("organiser_id") `);
    await queryRunner.query(`CREATE INDEX "activities_dates_idx" ON "activities"  ("starts_on", "ends_on") `);
    await queryRunner.query(
      `CREATE TABLE "activity_organisers" ("activity_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_05c9aeca64513ec13729971f2e1" PRIMARY KEY ("activity_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "activity_organisers_user_idx" ON "activity_organisers"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "full_name" text NOT NULL, "email" text, "email_key" text, "member_state" character(3) NOT NULL, "institution" text, "agency_type" "public"."agency_type", "gender" "public"."gender", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "participants_user_key" ON "participants"  ("user_id") WHERE user_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "participants_email_key" ON "participants"  ("email_key") WHERE email_key IS NOT NULL`);
    await queryRunner.query(`CREATE TYPE "public"."participant_role" AS ENUM('participant', 'trainer', 'speaker')`);
    await queryRunner.query(
      `CREATE TABLE "activity_participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "role" "public"."participant_role" NOT NULL DEFAULT 'participant', "completed" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_81da0007c6a40519ca146023bc7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "activity_participants_participant_idx" ON "activity_participants"  ("participant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "activity_participants_key" ON "activity_participants"  ("activity_id", "participant_id") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."attendance_source" AS ENUM('organiser', 'check_in', 'import')`);
    await queryRunner.query(
      `CREATE TABLE "activity_attendance" ("activity_participant_id" uuid NOT NULL, "day" date NOT NULL, "present" boolean NOT NULL, "source" "public"."attendance_source" NOT NULL, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b553a76721fb6d793c164bba0db" PRIMARY KEY ("activity_participant_id", "day"))`,
    );
    await queryRunner.query(`CREATE INDEX "activity_attendance_day_idx" ON "activity_attendance"  ("day") `);
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "activities_venue_member_state_fkey" FOREIGN KEY ("venue_member_state") REFERENCES "member_states"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "activities_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "activities_organiser_id_fkey" FOREIGN KEY ("organiser_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_organisers" ADD CONSTRAINT "activity_organisers_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_organisers" ADD CONSTRAINT "activity_organisers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "participants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "participants_member_state_fkey" FOREIGN KEY ("member_state") REFERENCES "member_states"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_attendance" ADD CONSTRAINT "activity_attendance_activity_participant_id_fkey" FOREIGN KEY ("activity_participant_id") REFERENCES "activity_participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_attendance" ADD CONSTRAINT "activity_attendance_recorded_by_fkey" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activity_attendance" DROP CONSTRAINT "activity_attendance_recorded_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "activity_attendance" DROP CONSTRAINT "activity_attendance_activity_participant_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "activity_participants" DROP CONSTRAINT "activity_participants_participant_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "activity_participants" DROP CONSTRAINT "activity_participants_activity_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "participants_member_state_fkey"`);
    await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "participants_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "activity_organisers" DROP CONSTRAINT "activity_organisers_user_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "activity_organisers" DROP CONSTRAINT "activity_organisers_activity_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "activities_organiser_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "activities_course_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "activities_venue_member_state_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."activity_attendance_day_idx"`);
    await queryRunner.query(`DROP TABLE "activity_attendance"`);
    await queryRunner.query(`DROP TYPE "public"."attendance_source"`);
    await queryRunner.query(`DROP INDEX "public"."activity_participants_key"`);
    await queryRunner.query(`DROP INDEX "public"."activity_participants_participant_idx"`);
    await queryRunner.query(`DROP TABLE "activity_participants"`);
    await queryRunner.query(`DROP TYPE "public"."participant_role"`);
    await queryRunner.query(`DROP INDEX "public"."participants_email_key"`);
    await queryRunner.query(`DROP INDEX "public"."participants_user_key"`);
    await queryRunner.query(`DROP TABLE "participants"`);
    await queryRunner.query(`DROP INDEX "public"."activity_organisers_user_idx"`);
    await queryRunner.query(`DROP TABLE "activity_organisers"`);
    await queryRunner.query(`DROP INDEX "public"."activities_dates_idx"`);
    await queryRunner.query(`DROP INDEX "public"."activities_organiser_idx"`);
    await queryRunner.query(`DROP TABLE "activities"`);
    await queryRunner.query(`DROP TYPE "public"."activity_status"`);
    await queryRunner.query(`DROP TYPE "public"."activity_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."activity_kind"`);
  }
}
