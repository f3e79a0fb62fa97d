import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesRepository } from './certificates.repository.js';
import { CertificatesService } from './certificates.service.js';
import { ParticipationCertificatesController } from './participation-certificates.controller.js';

/**
 * Issued inside the completing transaction (learning/ calls CertificatesService.issue), or for a
 * closed training activity's participants who completed it; verified by anyone.
 */
@Module({
  imports: [MailModule],
  controllers: [CertificatesController, ParticipationCertificatesController],
  providers: [CertificatesRepository, CertificatesService],
  exports: [CertificatesService],
})
export class CertificatesModule {}
