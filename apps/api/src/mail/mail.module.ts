import { Module } from '@nestjs/common';
import { MailAdminController } from './mail-admin.controller.js';
import { MailRepository } from './mail.repository.js';
import { MailService } from './mail.service.js';
import { MailTransport } from './mail-transport.js';

@Module({
  controllers: [MailAdminController],
  providers: [MailService, MailRepository, MailTransport],
  exports: [MailService],
})
export class MailModule {}
