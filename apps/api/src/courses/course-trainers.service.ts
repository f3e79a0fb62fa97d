import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { toCourseTrainerDto } from './course-dto.js';
import { CoursesRepository } from './courses.repository.js';
import type { CourseTrainerDto } from './dto/trainer.dto.js';

/** The owner and co-trainers of a course. Every trainer sees the list; the owner (or an admin) changes it. */
@Injectable()
export class CourseTrainersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: SessionUser, courseId: string): Promise<CourseTrainerDto[]> {
    const rows = await this.courses.trainers(user, courseId);
    if (!rows.length) throw new NotFoundError('course');
    return rows.map(toCourseTrainerDto);
  }

  async add(user: SessionUser, courseId: string, email: string): Promise<CourseTrainerDto[]> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockEditable(user, courseId, { owned: true }, manager);
      if (!course) throw new NotFoundError('course');
      const trainer = await this.courses.activeTrainerByEmail(email, manager);
      if (!trainer) throw ValidationError.field('email', 'no_active_trainer_with_email');
      if (trainer.id === course.ownerId)
        throw new AppError('owner_is_trainer', { fields: { email: fieldError('email', 'is_course_owner') } });
      if (await this.courses.addTrainer(courseId, trainer.id, manager)) {
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'course.trainer_added',
          subjectType: 'course',
          subjectId: courseId,
          data: { userId: trainer.id },
        });
      }
    });
    return this.list(user, courseId);
  }

  async remove(user: SessionUser, courseId: string, trainerId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.courses.lockEditable(user, courseId, { owned: true }, manager))) throw new NotFoundError('course');
      if (!(await this.courses.removeTrainer(courseId, trainerId, manager))) throw new NotFoundError('trainer');
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'course.trainer_removed',
        subjectType: 'course',
        subjectId: courseId,
        data: { userId: trainerId },
      });
    });
  }
}
