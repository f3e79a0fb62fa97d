import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { CertificatePdfRenderer } from './certificate-pdf-renderer.js';
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
  // A factory: the renderer's argument (its worker's module) is not a provider.
  providers: [
    CertificatesRepository,
    CertificatesService,
    { provide: CertificatePdfRenderer, useFactory: () => new CertificatePdfRenderer() },
  ],
  exports: [CertificatesService],
})
export class CertificatesModule {}
