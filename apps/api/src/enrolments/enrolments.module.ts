import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module.js';
import { EnrolmentsController } from './enrolments.controller.js';
import { EnrolmentsRepository } from './enrolments.repository.js';
import { EnrolmentsService } from './enrolments.service.js';

/** Who is enrolled where: self-enrolment, requests and decisions, bulk enrolment, the learners table. */
@Module({
  imports: [CoursesModule],
  controllers: [EnrolmentsController],
  providers: [EnrolmentsRepository, EnrolmentsService],
})
export class EnrolmentsModule {}
