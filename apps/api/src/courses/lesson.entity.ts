import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LESSON_KINDS } from '@ctlp/contracts';
import type { LessonKind, QuestionType } from '@ctlp/contracts';
import { CourseEntity } from './course.entity.js';
import { ModuleEntity } from './module.entity.js';

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
}

export interface QuizQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  options: QuizOption[];
}

export interface Quiz {
  passMark: number;
  /** null: unlimited. */
  maxAttempts: number | null;
  questions: QuizQuestion[];
}

export interface LessonResource {
  /** Under DATA_DIR/uploads; never sent to clients. */
  storedName: string;
  fileName: string;
  contentType: string;
  size: number;
}

@Entity({ name: 'lessons' })
@Index('lessons_module_idx', ['moduleId', 'position'])
@Index('lessons_course_idx', ['courseId'])
@Check('lessons_quiz_chk', `(kind = 'quiz') = (quiz IS NOT NULL)`)
export class LessonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId: string;

  @ManyToOne(() => ModuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'lessons_module_id_fkey' })
  module?: ModuleEntity;

  /** The module's course, kept here so access checks need one join less. */
  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'lessons_course_id_fkey' })
  course?: CourseEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'enum', enum: LESSON_KINDS, enumName: 'lesson_kind' })
  kind: LessonKind;

  @Column({ type: 'boolean', default: true })
  required: boolean;

  @Column({ name: 'estimated_minutes', type: 'int', default: 0 })
  estimatedMinutes: number;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ name: 'body_html', type: 'text', default: '' })
  bodyHtml: string;

  @Column({ name: 'video_url', type: 'text', nullable: true })
  videoUrl: string | null;

  @Column({ type: 'text', default: '' })
  transcript: string;

  @Column({ type: 'jsonb', nullable: true })
  resource: LessonResource | null;

  @Column({ type: 'jsonb', nullable: true })
  quiz: Quiz | null;
}
