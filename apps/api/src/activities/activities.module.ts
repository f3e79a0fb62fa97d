import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller.js';
import { ActivitiesRepository } from './activities.repository.js';
import { ActivitiesService } from './activities.service.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';
import { ParticipantsRepository } from './participants.repository.js';
import { ParticipantsService } from './participants.service.js';

/**
 * Training activities (workshops, webinars, study visits…), the people who attend them and their
 * attendance per day. Imports, check-in and certificates build on it: it exports the services
 * that place people (ParticipantsService.add, findOrAddUser) and record attendance
 * (AttendanceService.record), and the repository whose locks they share.
 */
@Module({
  controllers: [ActivitiesController],
  providers: [
    ActivitiesRepository,
    ActivitiesService,
    ParticipantsRepository,
    ParticipantsService,
    AttendanceRepository,
    AttendanceService,
  ],
  exports: [ActivitiesRepository, ActivitiesService, ParticipantsRepository, ParticipantsService, AttendanceService],
})
export class ActivitiesModule {}
