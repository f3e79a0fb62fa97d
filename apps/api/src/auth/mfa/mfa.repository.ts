import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { query, sql } from '../../common/sql.js';

/** Every statement of two-step sign-in: secrets, the last step used, recovery codes. */
@Injectable()
export class MfaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's MFA state, locking the user's row for the rest of the caller's transaction. */
  async lockState(userId: string, manager: EntityManager): Promise<{ enabled: boolean; secretEncrypted: Buffer | null } | undefined> {
    const [row] = await query<{ enabled: boolean; secretEncrypted: Buffer | null }>(
      manager,
      sql`SELECT u.mfa_enabled_at IS NOT NULL AS enabled, m.secret_encrypted AS "secretEncrypted"
            FROM users u LEFT JOIN user_mfa m ON m.user_id = u.id
           WHERE u.id = ${userId} FOR UPDATE OF u`,
    );
    return row;
  }

  async secretOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<Buffer | undefined> {
    const [row] = await query<{ secretEncrypted: Buffer }>(
      manager,
      sql`SELECT secret_encrypted AS "secretEncrypted" FROM user_mfa WHERE user_id = ${userId}`,
    );
    return row?.secretEncrypted;
  }

  /** A pending enrolment, replacing any other (a fresh secret, no step used yet). */
  async savePending(userId: string, secretEncrypted: Buffer, manager: EntityManager): Promise<void> {
    await query<never>(
      manager,
      sql`INSERT INTO user_mfa (user_id, secret_encrypted) VALUES (${userId}, ${secretEncrypted})
          ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted, last_used_step = NULL, created_at = now()`,
    );
  }

  /**
   * Records that a code of time step `step` was used, unless one of that step or a later one
   * already was: true when this use is the first. One statement, so two requests racing with the
   * same code cannot both win.
   */
  async claimStep(userId: string, step: number, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await query<unknown>(
      manager,
      sql`WITH claimed AS (UPDATE user_mfa SET last_used_step = ${step}
                            WHERE user_id = ${userId} AND (last_used_step IS NULL OR last_used_step < ${step}) RETURNING 1)
          SELECT * FROM claimed`,
    );
    return rows.length > 0;
  }

  async setEnabled(userId: string, enabled: boolean, manager: EntityManager): Promise<void> {
    await query<never>(
      manager,
      sql`UPDATE users SET mfa_enabled_at = CASE WHEN ${enabled}::boolean THEN now() END, updated_at = now() WHERE id = ${userId}`,
    );
  }

  async replaceRecoveryCodes(userId: string, hashes: Buffer[], manager: EntityManager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM mfa_recovery_codes WHERE user_id = ${userId}`);
    await query<never>(manager, sql`INSERT INTO mfa_recovery_codes (user_id, code_hash) SELECT ${userId}, unnest(${hashes}::bytea[])`);
  }

  /** Uses up the recovery code with this hash: how many remain unused, or null if it was not an unused code of the user. */
  async useRecoveryCode(userId: string, hash: Buffer, manager: EntityManager = this.dataSource.manager): Promise<number | null> {
    const used = await query<unknown>(
      manager,
      sql`WITH used AS (UPDATE mfa_recovery_codes SET used_at = now()
                         WHERE user_id = ${userId} AND code_hash = ${hash} AND used_at IS NULL RETURNING 1)
          SELECT * FROM used`,
    );
    if (used.length === 0) return null;
    const [row] = await query<{ left: number }>(
      manager,
      sql`SELECT count(*)::int AS left FROM mfa_recovery_codes WHERE user_id = ${userId} AND used_at IS NULL`,
    );
    return row!.left;
  }

  async remove(userId: string, manager: EntityManager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM mfa_recovery_codes WHERE user_id = ${userId}`);
    await query<never>(manager, sql`DELETE FROM user_mfa WHERE user_id = ${userId}`);
  }
}
