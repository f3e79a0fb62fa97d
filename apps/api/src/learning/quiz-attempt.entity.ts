import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity.js';
import { LessonEntity } from '../courses/lesson.entity.js';
import type { QuizDrawEntry } from './quiz-draw.js';

/** An answer as submitted (AnswerDto): the field used depends on the question's type. */
export interface QuizAnswer {
  questionId: string;
  optionIds?: string[];
  order?: string[];
  pairs?: { optionId: string; matchId: string }[];
  value?: number;
}

/** One drawn question's outcome; `chosen` as in QuestionVerdict (grading). */
export interface QuizAttemptResult {
  questionId: string;
  correct: boolean;
  chosen: string[];
}

/** Numbered per (enrolment, quiz); the unique number makes an extra racing attempt fail. */
@Entity({ name: 'quiz_attempts' })
@Index('quiz_attempts_number_key', ['enrolmentId', 'lessonId', 'attemptNumber'], { unique: true })
export class QuizAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'quiz_attempts_enrolment_id_fkey' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'quiz_attempts_lesson_id_fkey' })
  lesson?: LessonEntity;

  @Column({ name: 'attempt_number', type: 'int' })
  attemptNumber: number;

  @Column({ type: 'jsonb' })
  answers: QuizAnswer[];

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  score: string;

  @Column({ type: 'boolean' })
  passed: boolean;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  /** The questions drawn, as shown; null on attempts made before draws were recorded. */
  @Column({ type: 'jsonb', nullable: true })
  draw: QuizDrawEntry[] | null;

  /** Per drawn question; null on attempts made before draws were recorded. */
  @Column({ type: 'jsonb', nullable: true })
  results: QuizAttemptResult[] | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  /** Submitted past the time limit, or never submitted: recorded with a score of 0. */
  @Column({ name: 'timed_out', type: 'boolean', default: false })
  timedOut: boolean;
}
