import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AGENCY_TYPES, COURSE_STATUSES, ENROLMENT_POLICIES, LOCALES, TRANSLATION_STATUSES } from '@ctlp/contracts';
import type { AgencyType, CourseStatus, EnrolmentPolicy, Locale, TranslationStatus } from '@ctlp/contracts';
import { UserEntity } from '../users/user.entity.js';
import type { CourseCover } from './course-cover.js';

@Entity({ name: 'courses' })
@Index('courses_catalog_idx', ['status', 'publishedAt'])
// A GIN index over course_search_vector(language, title, summary, description), written by hand in the migration.
@Index('courses_search_idx', { synchronize: false })
// One version per language in a family.
@Index('courses_family_language_key', ['familyId', 'language'], { unique: true })
@Check('courses_validity_chk', `certificate_validity_months IS NULL OR certificate_validity_months BETWEEN 1 AND 240`)
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('courses_slug_key', { unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  /** Markdown as authored; `descriptionHtml` is its sanitized rendering. */
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'description_html', type: 'text', default: '' })
  descriptionHtml: string;

  @Column({ type: 'enum', enum: LOCALES, enumName: 'locale', default: 'en' })
  language: Locale;

  /**
   * The family of language versions: its original's id (the original's own id). Filled on insert
   * when absent (sql/course-versions/); the foreign key refuses deleting an original that has versions.
   */
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'courses_family_id_fkey' })
  family?: CourseEntity;

  /** `original` for the family's original; a translation's status otherwise (outdated by the original's edits). */
  @Column({ name: 'translation_status', type: 'enum', enum: TRANSLATION_STATUSES, enumName: 'translation_status', default: 'original' })
  translationStatus: TranslationStatus;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  topics: string[];

  @Column({ name: 'estimated_minutes', type: 'int', default: 0 })
  estimatedMinutes: number;

  @Column({ type: 'enum', enum: COURSE_STATUSES, enumName: 'course_status', default: 'draft' })
  status: CourseStatus;

  @Column({ name: 'enrolment_policy', type: 'enum', enum: ENROLMENT_POLICIES, enumName: 'enrolment_policy', default: 'open' })
  enrolmentPolicy: EnrolmentPolicy;

  /** Empty: every Member State. */
  @Column({ name: 'audience_member_states', type: 'char', length: 3, array: true, default: () => `'{}'` })
  audienceMemberStates: string[];

  /** Empty: every agency type. */
  @Column({ name: 'audience_agency_types', type: 'enum', enum: AGENCY_TYPES, enumName: 'agency_type', array: true, default: () => `'{}'` })
  audienceAgencyTypes: AgencyType[];

  /** Lessons in order: a learner opens one only once every required lesson before it is done (learning/lesson-lock.ts). */
  @Column({ type: 'boolean', default: false })
  sequential: boolean;

  @Column({ name: 'certificate_enabled', type: 'boolean', default: true })
  certificateEnabled: boolean;

  @Column({ name: 'certificate_validity_months', type: 'int', nullable: true })
  certificateValidityMonths: number | null;

  /** The cover image's WebP renditions under DATA_DIR/uploads, or none (course-cover.ts). */
  @Column({ type: 'jsonb', nullable: true })
  cover: CourseCover | null;

  @Index('courses_owner_idx')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'courses_owner_id_fkey' })
  owner?: UserEntity;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
