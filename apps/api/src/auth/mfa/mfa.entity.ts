import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../users/user.entity.js';

/**
 * A user's TOTP secret, encrypted (mfa-crypto.ts), and the last time step a code was accepted
 * for, so a code seen once is never accepted again. `users.mfa_enabled_at` says whether MFA is
 * on (it is read with every request's user); a row here without it is a pending enrolment.
 */
@Entity({ name: 'user_mfa' })
export class UserMfaEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_mfa_user_id_fkey' })
  user?: UserEntity;

  /** AES-256-GCM of the base32 secret: iv (12) ‖ tag (16) ‖ ciphertext. */
  @Column({ name: 'secret_encrypted', type: 'bytea' })
  secretEncrypted: Buffer;

  /** The RFC 6238 counter (Unix time / 30 s) of the last accepted code; null: none yet. */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true })
  lastUsedStep: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One single-use recovery code: only its SHA-256 is kept (the codes carry 60 random bits). */
@Entity({ name: 'mfa_recovery_codes' })
@Index('mfa_recovery_codes_user_hash_key', ['userId', 'codeHash'], { unique: true })
export class MfaRecoveryCodeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'mfa_recovery_codes_user_id_fkey' })
  user?: UserEntity;

  @Column({ name: 'code_hash', type: 'bytea' })
  codeHash: Buffer;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
