import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module.js';
import { CoursesModule } from '../courses/courses.module.js';
import { LessonsController } from './lessons.controller.js';
import { LearningRepository } from './learning.repository.js';
import { LearningService } from './learning.service.js';
import { LessonLock } from './lesson-lock.js';
import { Idempotency } from './idempotency.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/**
 * Learning in a course one is enrolled in: reading lessons and their files, completing them,
 * attempting quizzes, and the completion that issues the certificate in the same transaction.
 */
@Module({
  imports: [CoursesModule, CertificatesModule],
  controllers: [LessonsController],
  providers: [LearningRepository, LearningService, LessonLock, Idempotency, IdempotencyRepository],
})
export class LearningModule {}
