import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/access.decorator.js';
import type { EnrolmentStatus } from '@ctlp/contracts';
import { AppError, fieldError, NotFoundError } from '../common/app-error.js';
import { renderMarkdown } from '../common/markdown.js';
import { audienceCondition, editableCondition } from './course-access.js';
import { CourseEntity } from './course.entity.js';
import type { CourseQueryDto, CreateCourseDto, UpdateCourseDto } from './dto/course-input.dto.js';
import type { CourseDto, CourseSummaryDto, OutlineModuleDto } from './dto/course.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

export function toSummary(row: CourseEntity): CourseSummaryDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    language: row.language,
    topics: row.topics,
    estimatedMinutes: row.estimatedMinutes,
    enrolmentPolicy: row.enrolmentPolicy,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

function slugify(title: string): string {
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

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The published catalog the caller may see: full-text search, topic and language filters. One
   * query: the page and, with count(*) OVER (), the total.
   */
  async catalog(user: SessionUser | undefined, query: CourseQueryDto): Promise<{ items: CourseSummaryDto[]; total: number }> {
    const audience = audienceCondition(user);
    const builder = this.dataSource
      .createQueryBuilder()
      .from(CourseEntity, 'c')
      .select(['c.id AS id', 'c.slug AS slug', 'c.title AS title', 'c.summary AS summary', 'c.language AS language', 'c.topics AS topics'])
      .addSelect([
        'c.estimated_minutes AS estimated_minutes',
        'c.enrolment_policy AS enrolment_policy',
        'c.status AS status',
        'c.published_at AS published_at',
      ])
      .addSelect('count(*) OVER ()', 'total')
      .where(`c.status = 'published'`)
      .andWhere(audience.sql, audience.params)
      .orderBy('c.published_at', 'DESC')
      .addOrderBy('c.id')
      .limit(query.limit)
      .offset(query.offset);
    if (query.q) {
      // The same expression as the courses_search_idx index, so the index serves it.
      const vector = 'course_search_vector(c.language, c.title, c.summary, c.description)';
      builder
        .andWhere(`${vector} @@ course_search_query(:q)`, { q: query.q })
        .orderBy(`ts_rank(${vector}, course_search_query(:q))`, 'DESC')
        .addOrderBy('c.published_at', 'DESC')
        .addOrderBy('c.id');
    }
    if (query.topic) builder.andWhere(':topic = ANY(c.topics)', { topic: query.topic });
    if (query.language) builder.andWhere('c.language = :language', { language: query.language });
    const rows: Array<Record<string, unknown>> = await builder.getRawMany();
    // A page past the end has no row to carry the total: count separately in that rare case.
    const total = rows.length
      ? Number(rows[0]!.total)
      : query.offset > 0
        ? await builder.limit(undefined).offset(undefined).orderBy().getCount()
        : 0;
    const items = rows.map((row) =>
      toSummary({
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        language: row.language,
        topics: row.topics,
        estimatedMinutes: row.estimated_minutes,
        enrolmentPolicy: row.enrolment_policy,
        status: row.status,
        publishedAt: row.published_at as Date | null,
      } as CourseEntity),
    );
    return { items, total };
  }

  /** Courses the caller owns or co-trains (every course for an admin), any status. */
  async mine(user: SessionUser): Promise<CourseSummaryDto[]> {
    const editable = editableCondition(user);
    const rows = await this.dataSource
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .where(editable.sql, editable.params)
      .orderBy('c.updatedAt', 'DESC')
      .getMany();
    return rows.map(toSummary);
  }

  async create(user: SessionUser, dto: CreateCourseDto): Promise<CourseDto> {
    // A slug made from the title may be taken between the check and the insert by a course of the
    // same title: then take the next free one. A slug the author chose is theirs to change.
    for (let attempt = 1; ; attempt++) {
      const slug = dto.slug ?? (await this.freeSlug(slugify(dto.title)));
      const course = this.dataSource.getRepository(CourseEntity).create({ ownerId: user.id, slug, ...this.columnsFrom(dto) });
      try {
        await this.dataSource.getRepository(CourseEntity).insert(course);
        return this.outline(user, course.id);
      } catch (error) {
        const conflict = this.slugConflict(error);
        if (dto.slug || attempt === 5 || conflict === error) throw conflict;
      }
    }
  }

  async update(user: SessionUser, id: string, dto: UpdateCourseDto): Promise<CourseDto> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.lockEditable(manager, user, id);
      Object.assign(course, this.columnsFrom(dto));
      if (dto.slug) course.slug = dto.slug;
      try {
        await manager.getRepository(CourseEntity).save(course);
      } catch (error) {
        throw this.slugConflict(error);
      }
    });
    return this.outline(user, id);
  }

  async publish(user: SessionUser, id: string): Promise<CourseDto> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.lockEditable(manager, user, id, { ownerOnly: true });
      if (course.status === 'published') return;
      const [{ lessons }] = await manager.query(`SELECT count(*)::int AS lessons FROM lessons WHERE course_id = $1`, [id]);
      if (lessons === 0) {
        throw new AppError('course_empty');
      }
      await manager.update(CourseEntity, id, { status: 'published', publishedAt: course.publishedAt ?? new Date() });
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
      const course = await this.lockEditable(manager, user, id, { ownerOnly: true });
      if (course.status === 'archived') return;
      await manager.update(CourseEntity, id, { status: 'archived' });
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
    const editable = editableCondition(user);
    const audience = audienceCondition(user);
    const byId = UUID.test(idOrSlug);
    const builder = this.dataSource
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .leftJoin('enrolments', 'e', 'e.course_id = c.id AND e.user_id = :viewerId', { viewerId: user?.id ?? null })
      .addSelect('e.id', 'enrolment_id')
      .addSelect('e.status', 'enrolment_status')
      .addSelect(
        'CASE WHEN e.id IS NOT NULL THEN (SELECT learning_progress(e.status, t.done, t.required) FROM learning_tally(e.id, c.id, NULL) t) END',
        'enrolment_progress',
      )
      .addSelect(editable.sql, 'can_edit')
      .setParameters(editable.params)
      .where(byId ? 'c.id = :key' : 'c.slug = :key', { key: idOrSlug })
      .andWhere(
        `(${editable.sql}
          OR (c.status = 'published' AND ${audience.sql})
          OR (c.status = 'archived' AND e.status IN ('active', 'completed')))`,
        audience.params,
      );
    const { entities, raw } = await builder.getRawAndEntities();
    const course = entities[0];
    if (!course) throw new NotFoundError('course');
    const row = raw[0] as { enrolment_id: string | null; enrolment_status: EnrolmentStatus; enrolment_progress: number; can_edit: boolean };

    const lessons: Array<{
      module_id: string;
      module_title: string;
      module_position: number;
      id: string | null;
      title: string;
      kind: string;
      required: boolean;
      position: number;
      estimated_minutes: number;
      completed: boolean;
    }> = await this.dataSource.query(
      `SELECT m.id AS module_id, m.title AS module_title, m.position AS module_position,
                l.id, l.title, l.kind, l.required, l.position, l.estimated_minutes,
                (lp.lesson_id IS NOT NULL) AS completed
           FROM course_modules m
           LEFT JOIN lessons l ON l.module_id = m.id
           LEFT JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.enrolment_id = $2
          WHERE m.course_id = $1
          ORDER BY m.position, m.id, l.position, l.id`,
      [course.id, row.enrolment_id],
    );
    const modules: OutlineModuleDto[] = [];
    for (const lesson of lessons) {
      let module = modules.at(-1);
      if (!module || module.id !== lesson.module_id) {
        module = { id: lesson.module_id, title: lesson.module_title, position: lesson.module_position, lessons: [] };
        modules.push(module);
      }
      if (!lesson.id) continue;
      module.lessons.push({
        id: lesson.id,
        title: lesson.title,
        kind: lesson.kind as OutlineModuleDto['lessons'][number]['kind'],
        required: lesson.required,
        position: lesson.position,
        estimatedMinutes: lesson.estimated_minutes,
        ...(row.enrolment_id ? { completed: lesson.completed } : {}),
      });
    }
    return {
      ...toSummary(course),
      description: row.can_edit ? course.description : '',
      descriptionHtml: course.descriptionHtml,
      audience: { memberStates: course.audienceMemberStates, agencyTypes: course.audienceAgencyTypes },
      certificate: { enabled: course.certificateEnabled, validityMonths: course.certificateValidityMonths },
      ownerId: course.ownerId,
      canEdit: row.can_edit,
      modules,
      enrolment: row.enrolment_id ? { id: row.enrolment_id, status: row.enrolment_status, progress: row.enrolment_progress } : null,
    };
  }

  /** The course row, locked, if the caller may edit it; 404 otherwise. */
  async lockEditable(manager: EntityManager, user: SessionUser, id: string, options: { ownerOnly?: boolean } = {}): Promise<CourseEntity> {
    const editable = options.ownerOnly
      ? user.roles.includes('admin')
        ? { sql: 'true', params: {} }
        : { sql: 'c.owner_id = :ownerId', params: { ownerId: user.id } }
      : editableCondition(user);
    const course = await manager
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .andWhere(editable.sql, editable.params)
      .getOne();
    if (!course) throw new NotFoundError('course');
    return course;
  }

  private columnsFrom(dto: UpdateCourseDto): Partial<CourseEntity> {
    const columns: Partial<CourseEntity> = {};
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
    if (dto.certificate !== undefined) {
      columns.certificateEnabled = dto.certificate.enabled;
      columns.certificateValidityMonths = dto.certificate.validityMonths;
    }
    return columns;
  }

  private async freeSlug(base: string): Promise<string> {
    const taken = new Set<string>(
      (await this.dataSource.query(`SELECT slug FROM courses WHERE slug = $1 OR slug LIKE $1 || '-%'`, [base])).map(
        (r: { slug: string }) => r.slug,
      ),
    );
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
