import { Check, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from './course.entity.js';

/** A course a learner must have completed before enrolling in another (no cycles: checked when set, under a lock). */
@Entity({ name: 'course_prerequisites' })
@Index('course_prerequisites_prerequisite_idx', ['prerequisiteId'])
@Check('course_prerequisites_not_itself_chk', `course_id <> prerequisite_id`)
export class CoursePrerequisiteEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @PrimaryColumn({ name: 'prerequisite_id', type: 'uuid' })
  prerequisiteId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_prerequisites_course_id_fkey' })
  course?: CourseEntity;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'prerequisite_id', foreignKeyConstraintName: 'course_prerequisites_prerequisite_id_fkey' })
  prerequisite?: CourseEntity;
}
