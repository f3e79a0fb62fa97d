import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module.js';
import { LearningPathsController } from './learning-paths.controller.js';
import { LearningPathsRepository } from './learning-paths.repository.js';
import { LearningPathsService } from './learning-paths.service.js';

/**
 * Learning paths: ordered sets of published courses with their own certificate, authored by their
 * owners (trainers) and admins. Certificates are issued through certificates/, also from learning/
 * when a completion finishes a path.
 */
@Module({
  imports: [CertificatesModule],
  controllers: [LearningPathsController],
  providers: [LearningPathsRepository, LearningPathsService],
})
export class LearningPathsModule {}
