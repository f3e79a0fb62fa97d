import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a certificate's holder was reminded that it expires, so the daily reminder tells each holder once. */
export class CertificateExpiryReminder1796800000000 implements MigrationInterface {
  name = 'CertificateExpiryReminder1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" ADD "expiry_reminded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "certificates_expiry_reminder_idx" ON "certificates"  ("expires_at") WHERE expiry_reminded_at IS NULL AND revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."certificates_expiry_reminder_idx"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "expiry_reminded_at"`);
  }
}
