import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { CertificatesService } from '../certificates/certificates.service.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { renderMarkdown } from '../common/markdown.js';
import { progressPercent } from '../courses/course-progress.js';
import { slugify } from '../courses/courses.service.js';
import type { CreateLearningPathDto, LearningPathQueryDto, UpdateLearningPathDto } from './dto/learning-path-input.dto.js';
import type { LearningPathDto, LearningPathSummaryDto, MyLearningPathDto } from './dto/learning-path.dto.js';
import {
  LearningPathsRepository,
  type LearningPathColumns,
  type LearningPathSummaryRow,
  type PathCourseRow,
  type PathProgressRow,
} from './learning-paths.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

function toSummaryDto(row: LearningPathSummaryRow): LearningPathSummaryDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    language: row.language,
    status: row.status,
    courseCount: row.courseCount,
    estimatedMinutes: row.estimatedMinutes,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

function certificateRef(row: Partial<PathProgressRow>): { id: string; serial: string } | null {
  return row.certificateId ? { id: row.certificateId, serial: row.certificateSerial! } : null;
}

function toPathCourseDto(row: PathCourseRow): LearningPathDto['courses'][number] {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    estimatedMinutes: row.estimatedMinutes,
    status: row.status,
    position: row.position,
    completed: row.completed,
    enrolment: row.enrolmentId
      ? {
          id: row.enrolmentId,
          status: row.enrolmentStatus!,
          progress: progressPercent(row.done ?? 0, row.required ?? 0, row.enrolmentStatus!),
        }
      : null,
  };
}

/**
 * Learning paths: ordered sets of published courses with their own certificate. Their owners (trainers) and admins author them;
 * everyone sees the published ones. The certificate is issued by certificates/ when the last course is completed (in that
 * transaction) and, for learners who already completed every course, when the path is published or its courses change.
 */
@Injectable()
export class LearningPathsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly paths: LearningPathsRepository,
    private readonly certificates: CertificatesService,
    private readonly audit: AuditService,
  ) {}

  async catalog(query: LearningPathQueryDto): Promise<{ items: LearningPathSummaryDto[]; total: number }> {
    const { rows, total } = await this.paths.catalog(query);
    return { items: rows.map(toSummaryDto), total };
  }

  async editable(user: SessionUser): Promise<LearningPathSummaryDto[]> {
    return (await this.paths.editableBy(user)).map(toSummaryDto);
  }

  async mine(user: SessionUser): Promise<MyLearningPathDto[]> {
    return (await this.paths.ofLearner(user.id)).map((row) => ({
      ...toSummaryDto(row),
      progress: { completed: row.completedCount, total: row.courseCount },
      certificate: certificateRef(row),
    }));
  }

  /** A path with its courses in order and, for a signed-in caller, their progress through each. */
  async detail(user: SessionUser | undefined, idOrSlug: string): Promise<LearningPathDto> {
    const row = await this.paths.view(user, UUID.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug });
    if (!row) throw new NotFoundError('learning_path');
    const courses = await this.paths.courses(row.id, user?.id ?? null);
    return {
      ...toSummaryDto(row),
      description: row.canEdit ? row.description : '',
      descriptionHtml: row.descriptionHtml,
      certificateEnabled: row.certificateEnabled,
      ownerId: row.ownerId,
      canEdit: row.canEdit,
      courses: courses.map(toPathCourseDto),
      ...(user ? { progress: { completed: row.completedCount ?? 0, total: row.courseCount } } : {}),
      certificate: certificateRef(row),
    };
  }

  async create(user: SessionUser, dto: CreateLearningPathDto): Promise<LearningPathDto> {
    // A slug made from the title may be taken meanwhile by a path of the same title: take the next free one.
    for (let attempt = 1; ; attempt++) {
      const slug = dto.slug ?? (await this.freeSlug(slugify(dto.title)));
      try {
        const id = await this.dataSource.transaction((manager) =>
          this.paths.insert({ ownerId: user.id, slug, ...this.columnsFrom(dto) }, manager),
        );
        return this.detail(user, id);
      } catch (error) {
        const conflict = this.slugConflict(error);
        if (dto.slug || attempt === 5 || conflict === error) throw conflict;
      }
    }
  }

  async update(user: SessionUser, id: string, dto: UpdateLearningPathDto): Promise<LearningPathDto> {
    await this.dataSource.transaction(async (manager) => {
      const path = await this.paths.lockEditable(user, id, manager);
      if (!path) throw new NotFoundError('learning_path');
      try {
        await this.paths.update(id, { ...this.columnsFrom(dto), ...(dto.slug ? { slug: dto.slug } : {}) }, manager);
      } catch (error) {
        throw this.slugConflict(error);
      }
      if (path.status === 'published' && dto.certificateEnabled)
        await this.certificates.issueForLearningPaths(manager, { pathId: id }, user.id);
    });
    return this.detail(user, id);
  }

  /** Replaces the courses (published ones, in order): adding, removing and reordering are one call. */
  async setCourses(user: SessionUser, id: string, courseIds: string[]): Promise<LearningPathDto> {
    await this.dataSource.transaction(async (manager) => {
      const path = await this.paths.lockEditable(user, id, manager);
      if (!path) throw new NotFoundError('learning_path');
      const unpublished = await this.paths.unpublishedCourses(courseIds, manager);
      if (unpublished.length) throw ValidationError.field('courseIds', 'course_not_published', { values: unpublished });
      if (path.status === 'published' && !courseIds.length) throw new AppError('learning_path_empty');
      await this.paths.setCourses(id, courseIds, manager);
      // Fewer courses may leave learners with every one completed: their certificate is due now.
      if (path.status === 'published') await this.certificates.issueForLearningPaths(manager, { pathId: id }, user.id);
    });
    return this.detail(user, id);
  }

  /** Publishes a path with at least one course; learners who already completed them all receive its certificate now. */
  async publish(user: SessionUser, id: string): Promise<LearningPathDto> {
    await this.dataSource.transaction(async (manager) => {
      const path = await this.paths.lockEditable(user, id, manager);
      if (!path) throw new NotFoundError('learning_path');
      if (path.status === 'published') return;
      if ((await this.paths.countCourses(id, manager)) === 0) throw new AppError('learning_path_empty');
      await this.paths.update(id, { status: 'published', publishedAt: path.publishedAt ?? new Date() }, manager);
      await this.record(manager, user, 'learning_path.published', id);
      await this.certificates.issueForLearningPaths(manager, { pathId: id }, user.id);
    });
    return this.detail(user, id);
  }

  /** Back to draft: out of the catalog; certificates issued stay valid. */
  async unpublish(user: SessionUser, id: string): Promise<LearningPathDto> {
    await this.dataSource.transaction(async (manager) => {
      const path = await this.paths.lockEditable(user, id, manager);
      if (!path) throw new NotFoundError('learning_path');
      if (path.status === 'draft') return;
      await this.paths.update(id, { status: 'draft' }, manager);
      await this.record(manager, user, 'learning_path.unpublished', id);
    });
    return this.detail(user, id);
  }

  /** Deletes a path that never issued a certificate (a certificate's path must stay verifiable). */
  async remove(user: SessionUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const path = await this.paths.lockEditable(user, id, manager);
      if (!path) throw new NotFoundError('learning_path');
      if (await this.paths.hasCertificates(id, manager)) throw new AppError('learning_path_has_certificates');
      await this.paths.delete(id, manager);
      await this.record(manager, user, 'learning_path.deleted', id, { title: path.title });
    });
  }

  private async record(
    manager: EntityManager,
    user: SessionUser,
    action: string,
    id: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record(manager, { actorId: user.id, action, subjectType: 'learning_path', subjectId: id, data });
  }

  private columnsFrom(dto: UpdateLearningPathDto): Partial<LearningPathColumns> {
    const columns: Partial<LearningPathColumns> = {};
    if (dto.title !== undefined) columns.title = dto.title;
    if (dto.summary !== undefined) columns.summary = dto.summary;
    if (dto.description !== undefined) {
      columns.description = dto.description;
      columns.descriptionHtml = renderMarkdown(dto.description);
    }
    if (dto.language !== undefined) columns.language = dto.language;
    if (dto.certificateEnabled !== undefined) columns.certificateEnabled = dto.certificateEnabled;
    return columns;
  }

  private async freeSlug(base: string): Promise<string> {
    const taken = new Set(await this.paths.slugsLike(base));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private slugConflict(error: unknown): unknown {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION && String((error as { constraint?: string }).constraint).includes('slug')) {
      return new AppError('slug_taken', { fields: { slug: fieldError('slug', 'slug_taken') } });
    }
    return error;
  }
}
