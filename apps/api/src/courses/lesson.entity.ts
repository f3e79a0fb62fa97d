import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LESSON_KINDS } from '@ctlp/contracts';
import type { LessonKind, QuestionType, QuizPurpose } from '@ctlp/contracts';
import { CourseEntity } from './course.entity.js';
import { ModuleEntity } from './module.entity.js';

export interface QuizOption {
  id: string;
  text: string;
  /** Choice types; false on the other types. */
  correct: boolean;
  /** Matching: the right-hand text this option pairs with, and its own id (shown to learners apart from the option's). */
  match?: string;
  matchId?: string;
  /** Shown once the quiz is revealed, when this option was chosen. */
  feedback?: string;
}

export interface QuizQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  /** Absent on questions written before topics. */
  topic?: string | null;
  explanation?: string;
  /** Choice types: the options; ordering: in the right order; matching: left-hand items; numeric: []. */
  options: QuizOption[];
  numeric?: { answer: number; tolerance: number };
}

export interface QuizDrawByTopic {
  topic: string;
  count: number;
}

/** The new fields are absent on quizzes written before draws: read them through quizSettings(). */
export interface Quiz {
  /** Absent on quizzes written before purposes: graded. */
  purpose?: QuizPurpose;
  passMark: number;
  /** null: unlimited. */
  maxAttempts: number | null;
  /** The pool: a draw picks from it. */
  questions: QuizQuestion[];
  drawCount?: number | null;
  drawByTopic?: QuizDrawByTopic[] | null;
  shuffle?: boolean;
  timeLimitMinutes?: number | null;
}

/** A quiz's draw settings with their defaults for quizzes written before them. */
export function quizSettings(quiz: Quiz): Required<Pick<Quiz, 'drawCount' | 'drawByTopic' | 'shuffle' | 'timeLimitMinutes'>> {
  return {
    drawCount: quiz.drawCount ?? null,
    drawByTopic: quiz.drawByTopic ?? null,
    shuffle: quiz.shuffle ?? false,
    timeLimitMinutes: quiz.timeLimitMinutes ?? null,
  };
}

export interface LessonResource {
  /** Under DATA_DIR/uploads; never sent to clients. */
  storedName: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** A video lesson's own files, each rendition optional: standard, low-bitrate, audio only. */
export interface LessonVideo {
  standard?: LessonResource;
  low?: LessonResource;
  audio?: LessonResource;
}

/** Every file a lesson names: its resource and each rendition of its video. */
export function lessonFiles(lesson: { resource: LessonResource | null; video: LessonVideo | null }): LessonResource[] {
  return [lesson.resource, lesson.video?.standard, lesson.video?.low, lesson.video?.audio].filter((file): file is LessonResource => !!file);
}

@Entity({ name: 'lessons' })
@Index('lessons_module_idx', ['moduleId', 'position'])
@Index('lessons_course_idx', ['courseId'])
// At most one pre-test and one post-test per course: a unique index on (course_id, quiz->>'purpose'),
// written by hand in the migration (an expression TypeORM cannot declare).
@Index('lessons_course_purpose_key', { synchronize: false })
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

  /** Null: no file uploaded (the video, if any, is at videoUrl). */
  @Column({ type: 'jsonb', nullable: true })
  video: LessonVideo | null;
}
