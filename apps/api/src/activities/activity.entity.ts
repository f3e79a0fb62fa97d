import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ACTIVITY_DELIVERIES, ACTIVITY_KINDS, ACTIVITY_STATUSES, LOCALES } from '@ctlp/contracts';
import type { ActivityDelivery, ActivityKind, ActivityStatus, Locale } from '@ctlp/contracts';
import { CourseEntity } from '../courses/course.entity.js';
import { MemberStateEntity } from '../member-states/member-state.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A workshop, webinar, study visit… held on one or more days (each day from starts_on to ends_on
 * is a session whose attendance is recorded). Counted in the report for its venue State and the
 * States it serves.
 */
@Entity({ name: 'activities' })
@Index('activities_dates_idx', ['startsOn', 'endsOn'])
@Index('activities_organiser_idx', ['organiserId'])
@Index('activities_import_ref_key', ['importRef'], { unique: true, where: 'import_ref IS NOT NULL' })
@Check('activities_dates_chk', `ends_on >= starts_on AND ends_on - starts_on < 366`)
@Check('activities_required_attendance_chk', `required_attendance BETWEEN 0 AND 100`)
@Check('activities_hours_chk', `hours >= 0`)
@Check('activities_capacity_chk', `capacity IS NULL OR capacity > 0`)
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ACTIVITY_KINDS, enumName: 'activity_kind' })
  kind: ActivityKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: ACTIVITY_DELIVERIES, enumName: 'activity_delivery' })
  delivery: ActivityDelivery;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  /** Null for an activity held only online. */
  @Column({ name: 'venue_member_state', type: 'char', length: 3, nullable: true })
  venueMemberState: string | null;

  @ManyToOne(() => MemberStateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_member_state', foreignKeyConstraintName: 'activities_venue_member_state_fkey' })
  venueMemberStateRef?: MemberStateEntity;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  /** The Member States it serves (a regional workshop serves several); the venue State is not implied. */
  @Column({ name: 'member_states', type: 'char', length: 3, array: true, default: () => `'{}'` })
  memberStates: string[];

  @Column({ type: 'enum', enum: LOCALES, enumName: 'locale', array: true, default: () => `'{}'` })
  languages: Locale[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  topics: string[];

  @Column({ type: 'numeric', precision: 6, scale: 1, default: 0 })
  hours: string;

  /** The share of days (%) a participant must attend to complete the activity. */
  @Column({ name: 'required_attendance', type: 'int', default: 100 })
  requiredAttendance: number;

  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  @ManyToOne(() => CourseEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'activities_course_id_fkey' })
  course?: CourseEntity;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'enum', enum: ACTIVITY_STATUSES, enumName: 'activity_status', default: 'planned' })
  status: ActivityStatus;

  /** The trainer who runs it; co-organisers are in activity_organisers. */
  @Column({ name: 'organiser_id', type: 'uuid' })
  organiserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organiser_id', foreignKeyConstraintName: 'activities_organiser_id_fkey' })
  organiser?: UserEntity;

  /**
   * The reference a historical workbook gave the activity, as the workbook matches it (case,
   * accents, spaces and punctuation folded away): a later import of the same reference updates this
   * activity instead of adding another. Null for activities entered by hand.
   */
  @Column({ name: 'import_ref', type: 'text', nullable: true })
  importRef: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
