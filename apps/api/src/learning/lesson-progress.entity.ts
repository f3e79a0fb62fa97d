import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity.js';
import { LessonEntity } from '../courses/lesson.entity.js';

/** A lesson done; for a quiz, passed. The primary key makes completing twice a no-op. */
@Entity({ name: 'lesson_progress' })
@Index('lesson_progress_lesson_idx', ['lessonId'])
export class LessonProgressEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @PrimaryColumn({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'lesson_progress_enrolment_id_fkey' })
  enrolment?: EnrolmentEntity;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'lesson_progress_lesson_id_fkey' })
  lesson?: LessonEntity;

  @Column({ name: 'completed_at', type: 'timestamptz', default: () => 'now()' })
  completedAt: Date;

  @Column({ name: 'seconds_spent', type: 'int', default: 0 })
  secondsSpent: number;
}
