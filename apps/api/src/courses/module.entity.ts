import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CourseEntity } from './course.entity.js';

@Entity({ name: 'course_modules' })
@Index('course_modules_course_idx', ['courseId', 'position'])
export class ModuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_modules_course_id_fkey' })
  course?: CourseEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int' })
  position: number;
}
