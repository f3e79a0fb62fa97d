import { buffer } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { NotFoundError, ValidationError } from '../common/app-error.js';
import { UploadStore } from '../common/upload-store.js';
import { COVER_UPLOADS, COVER_WIDTHS, renderCover, type CourseCover } from './course-cover.js';
import { CoursesRepository } from './courses.repository.js';

/** Where one rendition is, and what the answer's caching headers need. */
export interface CoverFile {
  storedName: string;
  version: string;
  /** Anyone may see the course: shared caches may keep the image. */
  public: boolean;
}

/**
 * A course's cover image: uploaded by the course's trainers (or an admin), kept as WebP renditions
 * in the uploads folder with the same life cycle as lesson files (UploadStore: written as `.part`,
 * placed once the row naming them commits, swept when no row names them), served to whoever may
 * see the course.
 */
@Injectable()
export class CourseCoverService {
  private readonly logger = new Logger(CourseCoverService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly uploads: UploadStore,
  ) {}

  /**
   * Replaces the cover with renditions of the uploaded image. The upload is streamed to disk only
   * for a course the caller may edit, converted, and dropped; the renditions are attached in one
   * transaction that checks the caller again (the course may have changed hands meanwhile).
   */
  async upload(user: SessionUser, courseId: string, file: { originalname: string; stream: Readable } | undefined): Promise<void> {
    if (!file) throw ValidationError.field('file', 'file_required');
    if (!(await this.courses.isEditable(user, courseId))) throw new NotFoundError('course');
    const received = await this.uploads.receive(file.originalname, file.stream, COVER_UPLOADS);
    const kept: string[] = [];
    let previous: CourseCover | null;
    let cover: CourseCover;
    try {
      const source = await this.uploads.read(received.storedName);
      if (!source) throw new Error(`The upload ${received.storedName} vanished before it was converted`);
      const { version, renditions } = await renderCover(await buffer(source.stream));
      const files = {} as CourseCover['files'];
      for (const rendition of renditions) {
        const storedName = await this.uploads.keep(rendition.data);
        kept.push(storedName);
        files[`${rendition.width}`] = storedName;
      }
      cover = { version, files };
      previous = await this.dataSource.transaction(async (manager) => {
        const course = await this.courses.lockEditable(user, courseId, {}, manager);
        if (!course) throw new NotFoundError('course');
        await this.courses.setCover(courseId, cover, manager);
        return course.cover;
      });
    } catch (error) {
      for (const storedName of kept) await this.uploads.remove(storedName);
      throw error;
    } finally {
      await this.uploads.remove(received.storedName);
    }
    // Committed: a success whatever happens to the files now; the sweep finishes what fails here.
    for (const storedName of kept) await this.afterCommit('place', storedName, () => this.uploads.place(storedName));
    await this.removeFiles(previous);
  }

  /** Removes the cover; the course then shows the placeholder. Removing no cover is no error. */
  async remove(user: SessionUser, courseId: string): Promise<void> {
    const previous = await this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockEditable(user, courseId, {}, manager);
      if (!course) throw new NotFoundError('course');
      if (course.cover) await this.courses.setCover(courseId, null, manager);
      return course.cover;
    });
    await this.removeFiles(previous);
  }

  /** A rendition of the cover of a course the caller may see; 404 for no cover, no such width, or no such course. */
  async locate(user: SessionUser | undefined, courseId: string, fileName: string): Promise<CoverFile> {
    const width = COVER_WIDTHS.find((candidate) => fileName === `${candidate}.webp`);
    const found = width ? await this.courses.coverOf(user, courseId) : undefined;
    if (!width || !found?.cover) throw new NotFoundError('cover');
    return { storedName: found.cover.files[`${width}`], version: found.cover.version, public: found.public === true };
  }

  private async removeFiles(cover: CourseCover | null): Promise<void> {
    for (const storedName of Object.values(cover?.files ?? {})) {
      await this.afterCommit('remove', storedName, () => this.uploads.remove(storedName));
    }
  }

  private async afterCommit(action: string, storedName: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`Could not ${action} cover file ${storedName}, left to the sweep: ${(error as Error).message}`);
    }
  }
}
