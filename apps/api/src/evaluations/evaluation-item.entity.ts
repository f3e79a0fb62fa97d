import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EVALUATION_ITEM_KINDS } from '@ctlp/contracts';
import type { EvaluationItemKind } from '@ctlp/contracts';
import { CourseEntity } from '../courses/course.entity.js';

/** One statement (rated 1–5) or question (answered in words) of a course's evaluation. */
@Entity({ name: 'evaluation_items' })
@Index('evaluation_items_course_idx', ['courseId', 'position'])
export class EvaluationItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'evaluation_items_pkey' })
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'evaluation_items_course_id_fkey' })
  course?: CourseEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'enum', enum: EVALUATION_ITEM_KINDS, enumName: 'evaluation_item_kind' })
  kind: EvaluationItemKind;

  @Column({ type: 'text' })
  prompt: string;
}
