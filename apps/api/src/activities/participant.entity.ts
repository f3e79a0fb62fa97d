import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AGENCY_TYPES, GENDERS } from '@ctlp/contracts';
import type { AgencyType, Gender } from '@ctlp/contracts';
import { MemberStateEntity } from '../member-states/member-state.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A person who took part in activities: one row per person however many activities they attended,
 * so the report counts each once. Linked to their account when they have one (matched by email,
 * also when they register later); otherwise known only from attendance lists. While linked, the
 * report reads the account's State, agency and gender; the fields here are what the list said.
 */
@Entity({ name: 'participants' })
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('participants_user_key', { unique: true, where: 'user_id IS NOT NULL' })
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'participants_user_id_fkey' })
  user?: UserEntity;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** As given; `email_key` is what matching uses. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** The email NFKC-normalised, trimmed and lower-cased: one person per address. */
  @Index('participants_email_key', { unique: true, where: 'email_key IS NOT NULL' })
  @Column({ name: 'email_key', type: 'text', nullable: true })
  emailKey: string | null;

  @Column({ name: 'member_state', type: 'char', length: 3 })
  memberState: string;

  @ManyToOne(() => MemberStateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_state', foreignKeyConstraintName: 'participants_member_state_fkey' })
  memberStateRef?: MemberStateEntity;

  @Column({ type: 'text', nullable: true })
  institution: string | null;

  @Column({ name: 'agency_type', type: 'enum', enum: AGENCY_TYPES, enumName: 'agency_type', nullable: true })
  agencyType: AgencyType | null;

  @Column({ type: 'enum', enum: GENDERS, enumName: 'gender', nullable: true })
  gender: Gender | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
