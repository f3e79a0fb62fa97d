import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module.js';
import { EnrolmentsController } from '../enrolments/enrolments.controller.js';
import { EnrolmentsService } from '../enrolments/enrolments.service.js';
import { LearningService } from '../learning/learning.service.js';
import { UploadStore } from '../common/upload-store.js';
import { CourseContentService } from './course-content.service.js';
import { CourseTrainersService } from './course-trainers.service.js';
import { CoursesController } from './courses.controller.js';
import { CoursesService } from './courses.service.js';
import { LessonsController } from './lessons.controller.js';
import { MarkdownController } from './markdown.controller.js';
import { ModulesController } from './modules.controller.js';

/** Courses and what happens in them: authoring, enrolment and learning share their access rules. */
@Module({
  imports: [CertificatesModule],
  controllers: [CoursesController, ModulesController, LessonsController, EnrolmentsController, MarkdownController],
  providers: [CoursesService, CourseContentService, CourseTrainersService, EnrolmentsService, LearningService, UploadStore],
  exports: [CoursesService, EnrolmentsService, LearningService],
})
export class CoursesModule {}
