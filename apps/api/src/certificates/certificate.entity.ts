import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActivityParticipantEntity } from '../activities/activity-participant.entity.js';
import { CourseEntity } from '../courses/course.entity.js';
import { EnrolmentEntity } from '../enrolments/enrolment.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * One per completed enrolment, or one per participant who completed a training activity (unique
 * indexes, not checks in code, so racing completions cannot issue two). The holder's name, the
 * course's or activity's title, hours, dates and place are snapshots: the certificate says what
 * was true when it was issued.
 */
@Entity({ name: 'certificates' })
// Exactly one of: a course enrolment, a place in an activity, a learning path.
@Check('certificates_kind_chk', `num_nonnulls(enrolment_id, activity_participant_id, learning_path_id) = 1`)
// One learning path certificate per holder and path.
@Index('certificates_user_learning_path_key', ['userId', 'learningPathId'], { unique: true, where: 'learning_path_id IS NOT NULL' })
@Index('certificates_user_idx', ['userId', 'issuedAt'])
@Index('certificates_course_idx', ['courseId', 'issuedAt'])
@Index('certificates_issued_at_idx', ['issuedAt'])
// The daily expiry reminder reads only certificates that still await theirs.
@Index('certificates_expiry_reminder_idx', ['expiresAt'], { where: 'expiry_reminded_at IS NULL AND revoked_at IS NULL' })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('certificates_enrolment_key', { unique: true })
  @Column({ name: 'enrolment_id', type: 'uuid', nullable: true })
  enrolmentId: string | null;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'certificates_enrolment_id_fkey' })
  enrolment?: EnrolmentEntity;

  /**
   * The holder's account; null for a participant known only from an attendance list (their
   * certificate reaches them once their participant row is linked to an account).
   */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'certificates_user_id_fkey' })
  user?: UserEntity;

  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'certificates_course_id_fkey' })
  course?: CourseEntity;

  /** A certificate of participation: the participant's place in the activity they completed. */
  @Index('certificates_activity_participant_key', { unique: true })
  @Column({ name: 'activity_participant_id', type: 'uuid', nullable: true })
  activityParticipantId: string | null;

  @ManyToOne(() => ActivityParticipantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'activity_participant_id', foreignKeyConstraintName: 'certificates_activity_participant_id_fkey' })
  activityParticipant?: ActivityParticipantEntity;

  /** A learning path certificate: the path whose courses the holder completed (course_id is then null). */
  @Column({ name: 'learning_path_id', type: 'uuid', nullable: true })
  learningPathId: string | null;

  // Named, not imported: learning-paths/ issues its certificates through this folder's service.
  @ManyToOne('LearningPathEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learning_path_id', foreignKeyConstraintName: 'certificates_learning_path_id_fkey' })
  learningPath?: unknown;

  /** The activity's first and last day, city and venue State when issued (null for a course). */
  @Column({ name: 'activity_starts_on', type: 'date', nullable: true })
  activityStartsOn: string | null;

  @Column({ name: 'activity_ends_on', type: 'date', nullable: true })
  activityEndsOn: string | null;

  @Column({ name: 'activity_city', type: 'text', nullable: true })
  activityCity: string | null;

  @Column({ name: 'activity_member_state', type: 'char', length: 3, nullable: true })
  activityMemberState: string | null;

  /** CTLP-<year>-<number>, the number from the certificate_serial_seq sequence: never reused. */
  @Index('certificates_serial_key', { unique: true })
  @Column({ type: 'text' })
  serial: string;

  /** 144 random bits, base64url: the part of the verification link nobody can guess. */
  @Index('certificates_verification_code_key', { unique: true })
  @Column({ name: 'verification_code', type: 'text' })
  verificationCode: string;

  /** Null once the holder's personal data was erased: verification then shows the holder as withheld. */
  @Column({ name: 'holder_name', type: 'text', nullable: true })
  holderName: string | null;

  /** The course's title, or the activity's. */
  @Column({ name: 'course_title', type: 'text' })
  courseTitle: string;

  @Column({ type: 'numeric', precision: 6, scale: 1 })
  hours: string;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** When the holder was told the certificate expires soon: once per certificate. */
  @Column({ name: 'expiry_reminded_at', type: 'timestamptz', nullable: true })
  expiryRemindedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: string | null;
}
