import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/access.decorator.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { editableCondition } from './course-access.js';
import { CourseTrainerEntity } from './course-trainer.entity.js';
import { CoursesService } from './courses.service.js';
import type { CourseTrainerDto } from './dto/trainer.dto.js';

/** The owner and co-trainers of a course. Every trainer sees the list; the owner (or an admin) changes it. */
@Injectable()
export class CourseTrainersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesService,
    private readonly audit: AuditService,
  ) {}

  async list(user: SessionUser, courseId: string): Promise<CourseTrainerDto[]> {
    const editable = editableCondition(user);
    const params = [courseId, ...Object.values(editable.params)];
    const rows: CourseTrainerDto[] = await this.dataSource.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", u.email, 'owner' AS role, 0 AS sort
         FROM courses c JOIN users u ON u.id = c.owner_id
        WHERE c.id = $1 AND ${editable.sql.replace(/:editorId/g, '$2')}
       UNION ALL
       SELECT u.id, u.full_name, u.email, 'co_trainer', 1
         FROM courses c JOIN course_trainers ct ON ct.course_id = c.id JOIN users u ON u.id = ct.user_id
        WHERE c.id = $1 AND ${editable.sql.replace(/:editorId/g, '$2')}
        ORDER BY sort, "fullName"`,
      params,
    );
    if (!rows.length) throw new NotFoundError('course');
    return rows.map(({ userId, fullName, email, role }) => ({ userId, fullName, email, role }));
  }

  async add(user: SessionUser, courseId: string, email: string): Promise<CourseTrainerDto[]> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockEditable(manager, user, courseId, { ownerOnly: true });
      const [trainer] = await manager.query(`SELECT id FROM users WHERE email = $1 AND status = 'active' AND 'trainer' = ANY(roles)`, [
        email,
      ]);
      if (!trainer) throw ValidationError.field('email', 'no_active_trainer_with_email');
      if (trainer.id === course.ownerId)
        throw new AppError('owner_is_trainer', { fields: { email: fieldError('email', 'is_course_owner') } });
      const inserted = await manager.query(
        `INSERT INTO course_trainers (course_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
        [courseId, trainer.id],
      );
      if (inserted.length) {
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
      await this.courses.lockEditable(manager, user, courseId, { ownerOnly: true });
      const { affected } = await manager.delete(CourseTrainerEntity, { courseId, userId: trainerId });
      if (!affected) throw new NotFoundError('trainer');
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
