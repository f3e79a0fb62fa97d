import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CourseEntity } from '../courses/course.entity.js';
import { EnrolmentEntity } from '../enrolments/enrolment.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * One per completed enrolment (a unique index, not a check in code, so racing completions cannot
 * issue two). The holder's name, the course's title and hours are snapshots: the certificate says
 * what was true when it was issued.
 */
@Entity({ name: 'certificates' })
@Index('certificates_user_idx', ['userId', 'issuedAt'])
@Index('certificates_course_idx', ['courseId', 'issuedAt'])
@Index('certificates_issued_at_idx', ['issuedAt'])
// The daily expiry reminder reads only certificates that still await theirs.
@Index('certificates_expiry_reminder_idx', ['expiresAt'], { where: 'expiry_reminded_at IS NULL AND revoked_at IS NULL' })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('certificates_enrolment_key', { unique: true })
  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'certificates_enrolment_id_fkey' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'certificates_user_id_fkey' })
  user?: UserEntity;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'certificates_course_id_fkey' })
  course?: CourseEntity;

  /** CTLP-<year>-<number>, the number from the certificate_serial_seq sequence: never reused. */
  @Index('certificates_serial_key', { unique: true })
  @Column({ type: 'text' })
  serial: string;

  /** 144 random bits, base64url: the part of the verification link nobody can guess. */
  @Index('certificates_verification_code_key', { unique: true })
  @Column({ name: 'verification_code', type: 'text' })
  verificationCode: string;

  @Column({ name: 'holder_name', type: 'text' })
  holderName: string;

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
