import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity.js';
import { LessonEntity } from '../courses/lesson.entity.js';
import type { QuizDrawEntry } from './quiz-draw.js';

/**
 * The questions drawn for a learner's attempt in progress, until it is submitted (or timed out).
 * One per enrolment and quiz: the primary key lets two racing first reads draw only once.
 */
@Entity({ name: 'quiz_draws' })
@Index('quiz_draws_lesson_idx', ['lessonId'])
export class QuizDrawEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @PrimaryColumn({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'quiz_draws_enrolment_id_fkey' })
  enrolment?: EnrolmentEntity;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'quiz_draws_lesson_id_fkey' })
  lesson?: LessonEntity;

  @Column({ name: 'attempt_number', type: 'int' })
  attemptNumber: number;

  @Column({ type: 'jsonb' })
  draw: QuizDrawEntry[];

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  /** Timed quizzes: answers are taken until 30 s past it. */
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt: Date | null;
}
