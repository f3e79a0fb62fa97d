import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AGENCY_TYPES, GENDERS, LOCALES, ROLES, USER_STATUSES } from '@ctlp/contracts';
import type { AgencyType, Gender, Locale, Role, UserStatus } from '@ctlp/contracts';
import { MemberStateEntity } from '../member-states/member-state.entity.js';

@Entity({ name: 'users' })
@Index('users_vetting_queue_idx', ['memberState', 'status', 'createdAt'])
@Check('users_email_lowercase_chk', `email = lower(email)`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased, so the unique index makes email case-insensitive. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'member_state', type: 'char', length: 3 })
  memberState: string;

  @ManyToOne(() => MemberStateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_state', foreignKeyConstraintName: 'users_member_state_fkey' })
  memberStateRef?: MemberStateEntity;

  @Column({ type: 'text' })
  institution: string;

  @Column({ name: 'agency_type', type: 'enum', enum: AGENCY_TYPES, enumName: 'agency_type' })
  agencyType: AgencyType;

  @Column({ name: 'job_title', type: 'text' })
  jobTitle: string;

  @Column({ type: 'enum', enum: GENDERS, enumName: 'gender' })
  gender: Gender;

  @Column({ type: 'enum', enum: LOCALES, enumName: 'locale', default: 'en' })
  locale: Locale;

  @Column({ type: 'enum', enum: ROLES, enumName: 'role', array: true, default: () => `'{learner}'` })
  roles: Role[];

  @Column({ type: 'enum', enum: USER_STATUSES, enumName: 'user_status', default: 'pending' })
  status: UserStatus;

  /** Vetting trail: who decided, when, and why a registration was rejected. */
  @Column({ name: 'vetted_by', type: 'uuid', nullable: true })
  vettedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'vetted_by', foreignKeyConstraintName: 'users_vetted_by_fkey' })
  vettedByRef?: UserEntity;

  @Column({ name: 'vetted_at', type: 'timestamptz', nullable: true })
  vettedAt: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  /** When the official proved the address is theirs (the link mailed after registering, or a password reset). */
  @Column({ name: 'email_confirmed_at', type: 'timestamptz', nullable: true })
  emailConfirmedAt: Date | null;

  /**
   * When the person's personal data was erased (an erasure request completed, or the retention of
   * rejected registrations ran out): name, email and free text are placeholders from then on, and
   * the account can never be used again.
   */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  /**
   * When the user confirmed a TOTP authenticator (auth/mfa); null: no MFA. Read with the user on
   * every request, so the access guard knows without another query.
   */
  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
