import { Module } from '@nestjs/common';
import { UploadStore } from '../common/upload-store.js';
import { CourseContentService } from './course-content.service.js';
import { CourseCoverService } from './course-cover.service.js';
import { CourseTrainersService } from './course-trainers.service.js';
import { CourseVersionsService } from './course-versions.service.js';
import { CoursesController } from './courses.controller.js';
import { CoursesRepository } from './courses.repository.js';
import { CoursesService } from './courses.service.js';
import { LessonsController } from './lessons.controller.js';
import { MarkdownController } from './markdown.controller.js';
import { ModulesController } from './modules.controller.js';
import { VideoRenditionsJob } from './video-renditions.job.js';
import { UploadSweeper } from './upload-sweeper.js';

/**
 * Courses as their trainers author them (modules, lessons, files, co-trainers, publishing) and as
 * the catalog and the course page show them. Enrolment and learning build on it (their folders
 * import this one, never the other way): it exports the repository, whose access conditions they
 * share, and the upload store that serves lesson files. Course covers live in the same store.
 * UploadSweeper removes the files no lesson or cover names (left by failures and crashes).
 */
@Module({
  controllers: [CoursesController, ModulesController, LessonsController, MarkdownController],
  providers: [
    CoursesRepository,
    CoursesService,
    CourseContentService,
    CourseTrainersService,
    CourseCoverService,
    CourseVersionsService,
    UploadStore,
    UploadSweeper,
    VideoRenditionsJob,
  ],
  exports: [CoursesRepository, UploadStore],
})
export class CoursesModule {}
