import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError, fieldError, NotFoundError } from '../common/app-error.js';
import { UploadStore } from '../common/upload-store.js';
import type { CourseCover } from './course-cover.js';
import { toCourseVersionDto } from './course-dto.js';
import { CoursesRepository, type CourseRow } from './courses.repository.js';
import type { CourseVersionDto } from './dto/course.dto.js';

const UNIQUE_VIOLATION = '23505';

/** 409 on `language`: the family has a version in it already. */
export function versionExists(): AppError {
  return new AppError('course_version_exists', { fields: { language: fieldError('language', 'version_language_taken') } });
}

/** The unique index of one version per (family, language) refused a write. */
export function isVersionConflict(error: unknown): boolean {
  const failure = error as { code?: string; constraint?: string };
  return failure.code === UNIQUE_VIOLATION && failure.constraint === 'courses_family_language_key';
}

/**
 * Language versions of a course: one family (the original's id), a version per language with its
 * own content and translation status. A version starts as a copy of the course it is made from,
 * files included (each version owns its files: removing one version's file leaves the other's).
 */
@Injectable()
export class CourseVersionsService {
  private readonly logger = new Logger(CourseVersionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly uploads: UploadStore,
    private readonly audit: AuditService,
  ) {}

  /** The family's versions the caller may see: all of them for the course's editors, the published ones otherwise. */
  async list(user: SessionUser | undefined, id: string): Promise<CourseVersionDto[]> {
    const rows = await this.courses.versions(user, id);
    if (!rows) throw new NotFoundError('course');
    return rows.map(toCourseVersionDto);
  }

  /**
   * A draft version of the course's family in `language`, copied from the course (settings,
   * prerequisites, modules, lessons, files, cover), owned by the caller and `in_progress`. Its slug
   * is the original's with the language (`<slug>-fr`, numbered when taken). 404 for a course the
   * caller may not edit; 409 on `language` when the family has that language already.
   */
  async create(user: SessionUser, sourceId: string, language: Locale): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createOnce(user, sourceId, language);
      } catch (error) {
        // A slug taken between the check and the insert: take the next free one.
        const slugRace = (error as { code?: string; constraint?: string }).constraint === 'courses_slug_key';
        if (!slugRace || attempt === 5) throw isVersionConflict(error) ? versionExists() : error;
      }
    }
  }

  private async createOnce(user: SessionUser, sourceId: string, language: Locale): Promise<string> {
    const copies: string[] = [];
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const source = await this.courses.lockEditable(user, sourceId, {}, manager);
        if (!source) throw new NotFoundError('course');
        const family = await this.courses.family(source.familyId, language, manager);
        if (family.languageTaken) throw versionExists();
        const files = await this.copyFiles(source, manager, copies);
        const slug = await this.freeSlug(`${family.originalSlug.slice(0, 76)}-${language}`, manager);
        const created = await this.courses.insertVersion({ sourceId, ownerId: user.id, slug, language, files }, manager);
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'course.version_created',
          subjectType: 'course',
          subjectId: created,
          data: { familyId: source.familyId, from: sourceId, language },
        });
        return created;
      });
      for (const name of copies) await this.afterCommit(name, () => this.uploads.place(name));
      return id;
    } catch (error) {
      for (const name of copies) await this.afterCommit(name, () => this.uploads.remove(name));
      throw error;
    }
  }

  /**
   * A copy of each file of the course (lesson files, locked meanwhile, and the cover's renditions),
   * as temporary files placed once the version commits; the map from old stored names to new ones.
   * A file that is not on disk any more is not copied, and the copy goes without it.
   */
  private async copyFiles(source: CourseRow, manager: EntityManager, copies: string[]): Promise<Record<string, string>> {
    const names = [...(await this.courses.lockLessonFiles(source.id, manager)), ...coverFiles(source.cover)];
    const files: Record<string, string> = {};
    for (const name of new Set(names)) {
      const copy = await this.uploads.copy(name);
      if (!copy) continue;
      copies.push(copy);
      files[name] = copy;
    }
    return files;
  }

  private async freeSlug(base: string, manager: EntityManager): Promise<string> {
    const taken = new Set(await this.courses.slugsLike(base, manager));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  /** Committed (or rolled back): what is left to do on the files is the sweep's if it fails now. */
  private async afterCommit(storedName: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`Could not finish with upload ${storedName}, left to the sweep: ${(error as Error).message}`);
    }
  }
}

function coverFiles(cover: CourseCover | null): string[] {
  return cover ? Object.values(cover.files) : [];
}
