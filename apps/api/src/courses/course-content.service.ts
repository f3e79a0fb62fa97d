import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../auth/access.decorator.js';
import type { FieldError } from '@ctlp/contracts';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { isAllowedVideoUrl, renderMarkdown } from '../common/markdown.js';
import { UploadStore } from '../common/upload-store.js';
import { editableCondition } from './course-access.js';
import { CoursesService } from './courses.service.js';
import type { CreateLessonDto, QuizInputDto, UpdateLessonDto } from './dto/lesson-input.dto.js';
import type { ModuleInputDto, UpdateModuleDto } from './dto/course-input.dto.js';
import { LessonEntity, type Quiz } from './lesson.entity.js';
import { ModuleEntity } from './module.entity.js';

/** Checks a quiz's shape beyond what the DTO can: right answers per question type. */
function buildQuiz(input: QuizInputDto): Quiz {
  const fields: Record<string, FieldError> = {};
  input.questions.forEach((question, index) => {
    const correct = question.options.filter((option) => option.correct).length;
    const at = `quiz.questions.${index}.options`;
    if (question.type === 'true_false' && question.options.length !== 2) fields[at] = fieldError(at, 'true_false_needs_two_options');
    else if (question.type !== 'multiple' && correct !== 1) fields[at] = fieldError(at, 'needs_one_correct_option');
    else if (question.type === 'multiple' && correct < 1) fields[at] = fieldError(at, 'needs_a_correct_option');
  });
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return {
    passMark: input.passMark,
    maxAttempts: input.maxAttempts,
    questions: input.questions.map((question) => ({
      id: question.id ?? randomUUID(),
      type: question.type,
      prompt: question.prompt,
      options: question.options.map((option) => ({ id: option.id ?? randomUUID(), text: option.text, correct: option.correct })),
    })),
  };
}

/** Moves `id` to `position` among `ids` (clamped) and returns the new order. */
function reorder(ids: string[], id: string, position: number): string[] {
  const rest = ids.filter((other) => other !== id);
  rest.splice(Math.min(position, rest.length), 0, id);
  return rest;
}

const notAResource = () => new AppError('not_a_resource_lesson');
@Injectable()
export class CourseContentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesService,
    private readonly uploads: UploadStore,
  ) {}

  async addModule(user: SessionUser, courseId: string, dto: ModuleInputDto): Promise<ModuleEntity> {
    return this.dataSource.transaction(async (manager) => {
      await this.courses.lockEditable(manager, user, courseId);
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(position) + 1, 0)::int AS next FROM course_modules WHERE course_id = $1`,
        [courseId],
      );
      const module = manager.getRepository(ModuleEntity).create({ courseId, title: dto.title, position: next });
      return manager.getRepository(ModuleEntity).save(module);
    });
  }

  async updateModule(user: SessionUser, id: string, dto: UpdateModuleDto): Promise<ModuleEntity> {
    return this.dataSource.transaction(async (manager) => {
      const module = await this.editableModule(manager, user, id);
      if (dto.title !== undefined) module.title = dto.title;
      await manager.getRepository(ModuleEntity).save(module);
      if (dto.position !== undefined) {
        const siblings: Array<{ id: string }> = await manager.query(
          `SELECT id FROM course_modules WHERE course_id = $1 ORDER BY position, id`,
          [module.courseId],
        );
        await this.renumber(
          manager,
          'course_modules',
          reorder(
            siblings.map((s) => s.id),
            id,
            dto.position,
          ),
        );
      }
      return manager.getRepository(ModuleEntity).findOneByOrFail({ id });
    });
  }

  async deleteModule(user: SessionUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const module = await this.editableModule(manager, user, id);
      await manager.delete(ModuleEntity, { id: module.id });
    });
  }

  async addLesson(user: SessionUser, moduleId: string, dto: CreateLessonDto): Promise<LessonEntity> {
    return this.dataSource.transaction(async (manager) => {
      const module = await this.editableModule(manager, user, moduleId);
      const [{ next }] = await manager.query(`SELECT coalesce(max(position) + 1, 0)::int AS next FROM lessons WHERE module_id = $1`, [
        moduleId,
      ]);
      const lesson = manager
        .getRepository(LessonEntity)
        .create({ moduleId, courseId: module.courseId, title: dto.title, kind: dto.kind, position: next });
      this.applyContent(lesson, dto);
      return manager.getRepository(LessonEntity).save(lesson);
    });
  }

  async updateLesson(user: SessionUser, id: string, dto: UpdateLessonDto): Promise<LessonEntity> {
    return this.dataSource.transaction(async (manager) => {
      const lesson = await this.editableLesson(manager, user, id);
      if (dto.title !== undefined) lesson.title = dto.title;
      this.applyContent(lesson, dto);
      let reorderModule: string | undefined;
      if (dto.moduleId !== undefined && dto.moduleId !== lesson.moduleId) {
        const target = await manager.getRepository(ModuleEntity).findOneBy({ id: dto.moduleId, courseId: lesson.courseId });
        if (!target) throw ValidationError.field('moduleId', 'module_of_other_course');
        lesson.moduleId = target.id;
        lesson.position = 1_000_000;
        reorderModule = target.id;
      }
      await manager.getRepository(LessonEntity).save(lesson);
      if (dto.position !== undefined || reorderModule) {
        const siblings: Array<{ id: string }> = await manager.query(
          `SELECT id FROM lessons WHERE module_id = $1 AND id <> $2 ORDER BY position, id`,
          [lesson.moduleId, id],
        );
        const order = reorder([...siblings.map((s) => s.id), id], id, dto.position ?? siblings.length);
        await this.renumber(manager, 'lessons', order);
      }
      return manager.getRepository(LessonEntity).findOneByOrFail({ id });
    });
  }

  async deleteLesson(user: SessionUser, id: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const lesson = await this.editableLesson(manager, user, id);
      await manager.delete(LessonEntity, { id: lesson.id });
      return lesson.resource;
    });
    if (removed) await this.uploads.remove(removed.storedName);
  }

  /** Attaches a file to a resource lesson, replacing the previous one once the change is committed. */
  async attachResource(user: SessionUser, id: string, file: { originalname: string; buffer: Buffer } | undefined): Promise<LessonEntity> {
    if (!file) throw ValidationError.field('file', 'file_required');
    // Checked before the file touches the disk, so a stranger cannot fill it.
    const target = await this.dataSource.transaction((manager) => this.editableLesson(manager, user, id));
    if (target.kind !== 'resource') throw notAResource();
    const stored = await this.uploads.save(file.originalname, file.buffer);
    try {
      const { lesson, previous } = await this.dataSource.transaction(async (manager) => {
        const lesson = await this.editableLesson(manager, user, id);
        if (lesson.kind !== 'resource') throw notAResource();
        const previous = lesson.resource;
        lesson.resource = stored;
        await manager.getRepository(LessonEntity).save(lesson);
        return { lesson, previous };
      });
      if (previous) await this.uploads.remove(previous.storedName);
      return lesson;
    } catch (error) {
      await this.uploads.remove(stored.storedName);
      throw error;
    }
  }

  /** A lesson of a course the caller may edit; 404 for anyone else. */
  async editableLesson(manager: EntityManager, user: SessionUser, id: string): Promise<LessonEntity> {
    const editable = editableCondition(user);
    const lesson = await manager
      .getRepository(LessonEntity)
      .createQueryBuilder('l')
      .innerJoin('courses', 'c', 'c.id = l.course_id')
      .setLock('pessimistic_write', undefined, ['l'])
      .where('l.id = :id', { id })
      .andWhere(editable.sql, editable.params)
      .getOne();
    if (!lesson) throw new NotFoundError('lesson');
    return lesson;
  }

  private async editableModule(manager: EntityManager, user: SessionUser, id: string): Promise<ModuleEntity> {
    const editable = editableCondition(user);
    const module = await manager
      .getRepository(ModuleEntity)
      .createQueryBuilder('m')
      .innerJoin('courses', 'c', 'c.id = m.course_id')
      .setLock('pessimistic_write', undefined, ['m'])
      .where('m.id = :id', { id })
      .andWhere(editable.sql, editable.params)
      .getOne();
    if (!module) throw new NotFoundError('module');
    return module;
  }

  private async renumber(manager: EntityManager, table: 'course_modules' | 'lessons', ids: string[]): Promise<void> {
    await manager.query(
      `UPDATE ${table} t SET position = o.position - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position) WHERE t.id = o.id`,
      [ids],
    );
  }

  private applyContent(lesson: LessonEntity, dto: UpdateLessonDto | CreateLessonDto): void {
    if (dto.required !== undefined) lesson.required = dto.required;
    if (dto.estimatedMinutes !== undefined) lesson.estimatedMinutes = dto.estimatedMinutes;
    if (dto.body !== undefined) {
      lesson.body = dto.body;
      lesson.bodyHtml = renderMarkdown(dto.body);
    }
    if (dto.transcript !== undefined) lesson.transcript = dto.transcript;
    if (dto.videoUrl !== undefined) {
      if (dto.videoUrl !== null && !isAllowedVideoUrl(dto.videoUrl)) {
        throw ValidationError.field('videoUrl', 'video_url_not_allowed');
      }
      lesson.videoUrl = dto.videoUrl;
    }
    if (dto.quiz !== undefined) {
      if (lesson.kind !== 'quiz') throw ValidationError.field('quiz', 'quiz_only_for_quiz_lessons');
      lesson.quiz = buildQuiz(dto.quiz);
    }
    if (lesson.kind === 'quiz' && !lesson.quiz) throw ValidationError.field('quiz', 'quiz_required');
    if (lesson.kind === 'video' && !lesson.videoUrl) throw ValidationError.field('videoUrl', 'video_url_required');
  }
}
