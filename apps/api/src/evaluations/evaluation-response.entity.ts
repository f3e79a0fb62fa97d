import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CourseEntity } from '../courses/course.entity.js';

/** An answer to one item: a rating for a Likert statement, words for a question. */
export type EvaluationAnswer = { itemId: string; rating: number } | { itemId: string; text: string };

/**
 * One learner's answers, anonymous by construction: no user, no enrolment, no instant (the month
 * only), so nothing in the database links a response to who gave it.
 */
@Entity({ name: 'evaluation_responses' })
@Index('evaluation_responses_course_idx', ['courseId'])
export class EvaluationResponseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'evaluation_responses_pkey' })
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'evaluation_responses_course_id_fkey' })
  course?: CourseEntity;

  /** The first day of the month it was given. */
  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'jsonb' })
  answers: EvaluationAnswer[];
}
