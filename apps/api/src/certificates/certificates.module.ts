import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesRepository } from './certificates.repository.js';
import { CertificatesService } from './certificates.service.js';

/** Issued inside the completing transaction (learning/ calls CertificatesService.issue), verified by anyone. */
@Module({
  imports: [MailModule],
  controllers: [CertificatesController],
  providers: [CertificatesRepository, CertificatesService],
  exports: [CertificatesService],
})
export class CertificatesModule {}
