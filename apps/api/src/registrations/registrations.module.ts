import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { PendingRegistrationsDigestJob } from './pending-registrations-digest.job.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { RegistrationsService } from './registrations.service.js';

/** The vetting queue, the decisions and the mail they cause: the applicant's answer, the focal points' daily digest. */
@Module({
  imports: [MailModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsRepository, RegistrationsService, PendingRegistrationsDigestJob],
})
export class RegistrationsModule {}
