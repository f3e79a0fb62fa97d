import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LEARNING_PATH_STATUSES, LOCALES } from '@ctlp/contracts';
import type { LearningPathStatus, Locale } from '@ctlp/contracts';
import { UserEntity } from '../users/user.entity.js';

/** An ordered set of published courses (learning_path_courses) with its own certificate once all are complete. */
@Entity({ name: 'learning_paths' })
@Index('learning_paths_catalog_idx', ['status', 'publishedAt'])
export class LearningPathEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('learning_paths_slug_key', { unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  /** Markdown as authored; `descriptionHtml` is its sanitized rendering (as a course's). */
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'description_html', type: 'text', default: '' })
  descriptionHtml: string;

  @Column({ type: 'enum', enum: LOCALES, enumName: 'locale', default: 'en' })
  language: Locale;

  @Column({ type: 'enum', enum: LEARNING_PATH_STATUSES, enumName: 'learning_path_status', default: 'draft' })
  status: LearningPathStatus;

  @Index('learning_paths_owner_idx')
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'learning_paths_owner_id_fkey' })
  owner?: UserEntity;

  @Column({ name: 'certificate_enabled', type: 'boolean', default: true })
  certificateEnabled: boolean;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
