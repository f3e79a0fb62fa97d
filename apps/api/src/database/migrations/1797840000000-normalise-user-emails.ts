import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored addresses in the one normal form (common/emails.ts: NFKC, trimmed, lower-cased; the same
 * as the `users_email_key_idx` expression). Before it, registration only trimmed and lower-cased,
 * so a decomposed "é" or a full-width letter made an address that no longer matches its own
 * sign-in. An address whose normal form another account already holds is left as it is and
 * reported by id (never merged: which one is the person is for an admin to decide).
 */
export class NormaliseUserEmails1797840000000 implements MigrationInterface {
  name = 'NormaliseUserEmails1797840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const normal = (column: string) => `lower(normalize(btrim(${column}), NFKC))`;
    const collisions = (await queryRunner.query(
      `SELECT array_agg(id::text ORDER BY created_at) AS ids FROM users
        GROUP BY ${normal('email')} HAVING count(*) > 1`,
    )) as Array<{ ids: string[] }>;
    await queryRunner.query(
      `UPDATE users u SET email = ${normal('u.email')}
        WHERE u.email <> ${normal('u.email')}
          AND NOT EXISTS (SELECT 1 FROM users o WHERE o.id <> u.id AND ${normal('o.email')} = ${normal('u.email')})`,
    );
    for (const { ids } of collisions) {
      // Ids only: addresses are personal data and logs travel further than the database.
      console.warn(
        `users ${ids.join(', ')} have addresses that differ only in Unicode form or case; left unchanged, for an admin to resolve`,
      );
    }
  }

  async down(): Promise<void> {
    // The earlier forms are not kept; the normal form is what every version signs in with.
  }
}
