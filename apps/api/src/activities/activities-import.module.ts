import { Module } from '@nestjs/common';
import { ActivitiesImportController } from './activities-import.controller.js';
import { ActivitiesImportRepository } from './activities-import.repository.js';
import { ActivitiesImportService } from './activities-import.service.js';
import { ActivitiesModule } from './activities.module.js';
import { MemberStateNamesCache, ParticipantsImportService } from './participants-import.service.js';
import { ParticipantsImportController } from './participants-import.controller.js';

/**
 * Imports into the activities ledger: attendance lists into one activity, and (admins) years of
 * past activities from one workbook. Built on ActivitiesModule's services, so an imported person
 * is matched and counted exactly as one added by hand.
 */
@Module({
  imports: [ActivitiesModule],
  controllers: [ActivitiesImportController, ParticipantsImportController],
  providers: [ActivitiesImportRepository, ActivitiesImportService, MemberStateNamesCache, ParticipantsImportService],
})
export class ActivitiesImportModule {}
