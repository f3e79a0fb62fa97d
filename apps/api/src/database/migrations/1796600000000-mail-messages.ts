import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The messages the platform sent or kept (mail/mail-message.entity.ts). */
export class MailMessages1796600000000 implements MigrationInterface {
  name = 'MailMessages1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."mail_status" AS ENUM('sent', 'kept', 'failed')`);
    await queryRunner.query(
      `CREATE TABLE "mail_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "template" text NOT NULL, "recipient" text NOT NULL, "locale" "public"."locale" NOT NULL, "subject" text NOT NULL, "text_body" text, "html_body" text, "status" "public"."mail_status" NOT NULL, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bd6e76ef3b3d4aff7d0510a509" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "mail_messages_key_key" ON "mail_messages"  ("key") `);
    await queryRunner.query(`CREATE INDEX "mail_messages_created_at_idx" ON "mail_messages"  ("created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mail_messages_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mail_messages_key_key"`);
    await queryRunner.query(`DROP TABLE "mail_messages"`);
    await queryRunner.query(`DROP TYPE "public"."mail_status"`);
  }
}
