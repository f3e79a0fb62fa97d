import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../access/access.decorator.js';
import { preferredLocale } from '../common/accept-language.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { renderMarkdown } from '../common/markdown.js';
import { isVersionConflict, versionExists } from './course-versions.service.js';
import { toCourseDto, toCourseSummaryDto } from './course-dto.js';
import { CoursesRepository, type CourseColumns, type CourseRow } from './courses.repository.js';
import type { CourseQueryDto, CreateCourseDto, UpdateCourseDto } from './dto/course-input.dto.js';
import type { CourseDto, CourseSummaryDto } from './dto/course.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

/** A URL name from a title: ASCII letters and digits in dashes (learning paths make theirs the same way). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'course';
}

/** The columns of `next` whose values differ from the course as it is: an edit that changes nothing writes nothing. */
function changedColumns(current: CourseRow, next: Partial<CourseColumns>): Partial<CourseColumns> {
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof CourseColumns])),
  );
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The published catalog the caller may see, a family of language versions once: full-text search,
   * topic and language filters. A family shows in `lang`, else the caller's locale, else the
   * browser's Accept-Language, else English, when it has a published version in that language.
   */
  async catalog(
    user: SessionUser | undefined,
    query: CourseQueryDto,
    acceptLanguage?: string,
  ): Promise<{ items: CourseSummaryDto[]; total: number }> {
    const lang = query.lang ?? user?.locale ?? preferredLocale(acceptLanguage) ?? 'en';
    const { rows, total } = await this.courses.catalog(user, { ...query, lang });
    return { items: rows.map(toCourseSummaryDto), total };
  }

  /** Courses the caller owns or co-trains (every course for an admin), any status. */
  async mine(user: SessionUser): Promise<CourseSummaryDto[]> {
    return (await this.courses.editableBy(user)).map(toCourseSummaryDto);
  }

  async create(user: SessionUser, dto: CreateCourseDto): Promise<CourseDto> {
    // A slug made from the title may be taken between the check and the insert by a course of the
    // same title: then take the next free one. A slug the author chose is theirs to change.
    for (let attempt = 1; ; attempt++) {
      const slug = dto.slug ?? (await this.freeSlug(slugify(dto.title)));
      try {
        const id = await this.dataSource.transaction(async (manager) => {
          const created = await this.courses.insertCourse({ ownerId: user.id, slug, ...this.columnsFrom(dto) }, manager);
          if (dto.prerequisites?.length) await this.setPrerequisites(created, dto.prerequisites, manager);
          return created;
        });
        return this.outline(user, id);
      } catch (error) {
        const conflict = this.slugConflict(error);
        if (dto.slug || attempt === 5 || conflict === error) throw conflict;
      }
    }
  }

  async update(user: SessionUser, id: string, dto: UpdateCourseDto): Promise<CourseDto> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockEditable(user, id, {}, manager);
      if (!course) throw new NotFoundError('course');
      if (dto.prerequisites) await this.setPrerequisites(id, dto.prerequisites, manager);
      if (dto.translationStatus !== undefined && dto.translationStatus !== course.translationStatus) {
        if (course.translationStatus === 'original') {
          throw ValidationError.field('translationStatus', 'original_has_no_translation_status');
        }
        await this.courses.setTranslationStatus(id, dto.translationStatus, manager);
      }
      const changes = changedColumns(course, { ...this.columnsFrom(dto), ...(dto.slug ? { slug: dto.slug } : {}) });
      if (!Object.keys(changes).length) return;
      try {
        await this.courses.updateCourse(id, changes, manager);
      } catch (error) {
        throw this.slugConflict(error);
      }
    });
    return this.outline(user, id);
  }

  async publish(user: SessionUser, id: string): Promise<CourseDto> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockEditable(user, id, { owned: true }, manager);
      if (!course) throw new NotFoundError('course');
      if (course.status === 'published') return;
      if ((await this.courses.countLessons(id, manager)) === 0) throw new AppError('course_empty');
      await this.courses.updateCourse(id, { status: 'published', publishedAt: course.publishedAt ?? new Date() }, manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'course.published',
        subjectType: 'course',
        subjectId: id,
        data: { from: course.status },
      });
    });
    return this.outline(user, id);
  }

  async archive(user: SessionUser, id: string): Promise<CourseDto> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockEditable(user, id, { owned: true }, manager);
      if (!course) throw new NotFoundError('course');
      if (course.status === 'archived') return;
      await this.courses.updateCourse(id, { status: 'archived' }, manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'course.archived',
        subjectType: 'course',
        subjectId: id,
        data: { from: course.status },
      });
    });
    return this.outline(user, id);
  }

  /**
   * The course page: details, modules and lessons (no content, no answers), and the caller's own
   * enrolment with progress. Two queries whatever the number of lessons.
   */
  async outline(user: SessionUser | undefined, idOrSlug: string): Promise<CourseDto> {
    const course = await this.courses.view(user, UUID.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug });
    if (!course) throw new NotFoundError('course');
    return toCourseDto(course, await this.courses.outline(course.id, course.enrolmentId), Boolean(user));
  }

  /** Published courses only, never the course itself, and no cycle: 400 on `prerequisites` naming the courses at fault. */
  private async setPrerequisites(courseId: string, ids: string[], manager: EntityManager): Promise<void> {
    if (ids.includes(courseId)) throw ValidationError.field('prerequisites', 'prerequisite_is_itself');
    await this.courses.lockPrerequisites(manager);
    const { unavailable, cycle } = await this.courses.prerequisiteProblems(courseId, ids, manager);
    if (unavailable.length) throw ValidationError.field('prerequisites', 'prerequisite_unavailable', { values: unavailable });
    if (cycle.length) throw ValidationError.field('prerequisites', 'prerequisite_cycle', { values: cycle });
    await this.courses.setPrerequisites(courseId, ids, manager);
  }

  private columnsFrom(dto: UpdateCourseDto): Partial<CourseColumns> {
    const columns: Partial<CourseColumns> = {};
    if (dto.title !== undefined) columns.title = dto.title;
    if (dto.summary !== undefined) columns.summary = dto.summary;
    if (dto.description !== undefined) {
      columns.description = dto.description;
      columns.descriptionHtml = renderMarkdown(dto.description);
    }
    if (dto.language !== undefined) columns.language = dto.language;
    if (dto.topics !== undefined) columns.topics = dto.topics;
    if (dto.estimatedMinutes !== undefined) columns.estimatedMinutes = dto.estimatedMinutes;
    if (dto.enrolmentPolicy !== undefined) columns.enrolmentPolicy = dto.enrolmentPolicy;
    if (dto.audience !== undefined) {
      columns.audienceMemberStates = dto.audience.memberStates;
      columns.audienceAgencyTypes = dto.audience.agencyTypes;
    }
    if (dto.sequential !== undefined) columns.sequential = dto.sequential;
    if (dto.certificate !== undefined) {
      columns.certificateEnabled = dto.certificate.enabled;
      columns.certificateValidityMonths = dto.certificate.validityMonths;
    }
    return columns;
  }

  private async freeSlug(base: string): Promise<string> {
    const taken = new Set(await this.courses.slugsLike(base));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private slugConflict(error: unknown): unknown {
    if (isVersionConflict(error)) return versionExists();
    if ((error as { code?: string }).code === UNIQUE_VIOLATION && String((error as { constraint?: string }).constraint).includes('slug')) {
      return new AppError('slug_taken', { fields: { slug: fieldError('slug', 'slug_taken') } });
    }
    return error;
  }
}
