import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from '../courses/course.entity.js';
import { LearningPathEntity } from './learning-path.entity.js';

/** A course of a learning path, at its place (0, 1, 2, …). */
@Entity({ name: 'learning_path_courses' })
// A course's completion looks up the paths it belongs to.
@Index('learning_path_courses_course_idx', ['courseId'])
export class LearningPathCourseEntity {
  @PrimaryColumn({ name: 'path_id', type: 'uuid' })
  pathId: string;

  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'int' })
  position: number;

  @ManyToOne(() => LearningPathEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'path_id', foreignKeyConstraintName: 'learning_path_courses_path_id_fkey' })
  path?: LearningPathEntity;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'learning_path_courses_course_id_fkey' })
  course?: CourseEntity;
}
