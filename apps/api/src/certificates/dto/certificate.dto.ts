import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CERTIFICATE_STATUSES } from '@ctlp/contracts';
import type { CertificateStatus } from '@ctlp/contracts';
import { Trim } from '../../common/transforms.js';

export class CertificateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ example: 'CTLP-2026-000123' }) serial: string;
  @ApiProperty() verificationCode: string;
  @ApiProperty({ description: 'PUBLIC_URL/verify/<code>' }) verificationUrl: string;
  @ApiProperty() holderName: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty() hours: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedReason: string | null;
  @ApiProperty({ enum: CERTIFICATE_STATUSES, enumName: 'CertificateStatus' }) status: CertificateStatus;
}

export class CertificateListDto {
  @ApiProperty({ type: [CertificateDto] }) items: CertificateDto[];
  @ApiProperty() total: number;
}

/** What anyone holding the link may learn: nothing about the holder beyond the name. */
export class VerificationDto {
  @ApiProperty({ enum: CERTIFICATE_STATUSES, enumName: 'CertificateStatus' }) status: CertificateStatus;
  @ApiProperty() holderName: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class RevokeCertificateDto {
  @ApiProperty({ minLength: 3, maxLength: 1000 })
  @Trim()
  @IsString()
  @Length(3, 1000)
  reason: string;
}
