import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module.js';
import { MailModule } from '../mail/mail.module.js';
import { EnrolmentsController } from './enrolments.controller.js';
import { EnrolmentsRepository } from './enrolments.repository.js';
import { EnrolmentsService } from './enrolments.service.js';

/** Who is enrolled where: self-enrolment, requests and decisions, bulk enrolment (with its invitations), the learners table. */
@Module({
  imports: [CoursesModule, MailModule],
  controllers: [EnrolmentsController],
  providers: [EnrolmentsRepository, EnrolmentsService],
})
export class EnrolmentsModule {}
