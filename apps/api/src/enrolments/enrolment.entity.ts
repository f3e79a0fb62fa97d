import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ENROLMENT_SOURCES, ENROLMENT_STATUSES } from '@ctlp/contracts';
import type { EnrolmentSource, EnrolmentStatus } from '@ctlp/contracts';
import { CourseEntity } from '../courses/course.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * One cycle of a user's enrolment history in a course. One current (not superseded) cycle per
 * (user, course), enforced by the database, so racing requests cannot enrol twice; a new cycle
 * (recertification, after the certificate expired) supersedes the one before.
 */
@Entity({ name: 'enrolments' })
@Check('enrolments_cycle_chk', `cycle >= 1`)
@Index('enrolments_user_course_key', ['userId', 'courseId'], { unique: true, where: 'superseded_at IS NULL' })
@Index('enrolments_user_course_cycle_key', ['userId', 'courseId', 'cycle'], { unique: true })
@Index('enrolments_course_status_idx', ['courseId', 'status'])
// By time, for the partial months at the ends of a report's period (report_monthly has the rest).
@Index('enrolments_enrolled_at_idx', ['enrolledAt'])
@Index('enrolments_completed_at_idx', ['completedAt'])
@Index('enrolments_post_test_at_idx', ['postTestAt'])
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'enrolments_course_id_fkey' })
  course?: CourseEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'enrolments_user_id_fkey' })
  user?: UserEntity;

  @Column({ type: 'enum', enum: ENROLMENT_STATUSES, enumName: 'enrolment_status' })
  status: EnrolmentStatus;

  @Column({ type: 'enum', enum: ENROLMENT_SOURCES, enumName: 'enrolment_source' })
  source: EnrolmentSource;

  @CreateDateColumn({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Mean of the best score of each required quiz, 0–100. */
  @Column({ name: 'final_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  finalScore: string | null;

  /** 1 for the first time through the course, n + 1 for each recertification. */
  @Column({ type: 'integer', default: 1 })
  cycle: number;

  /** When a later cycle replaced this one; null for the current cycle. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
  /** The first attempt at the course's pre-test, 0–100: what the learner knew before. */
  @Column({ name: 'pre_test_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  preTestScore: string | null;

  /** The first attempt at the course's post-test: later tries to pass it do not inflate the gain. */
  @Column({ name: 'post_test_score', type: 'numeric', precision: 5, scale: 2, nullable: true })
  postTestScore: string | null;

  /** When postTestScore was recorded: the knowledge gain counts in that period. */
  @Column({ name: 'post_test_at', type: 'timestamptz', nullable: true })
  postTestAt: Date | null;

  @Column({ name: 'last_activity_at', type: 'timestamptz', nullable: true })
  lastActivityAt: Date | null;
}
