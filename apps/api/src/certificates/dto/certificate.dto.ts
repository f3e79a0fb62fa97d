import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { CERTIFICATE_STATUSES, LOCALES } from '@ctlp/contracts';
import type { CertificateStatus, Locale } from '@ctlp/contracts';
import { Omittable } from '../../common/optional.js';
import { Trim } from '../../common/transforms.js';

export const CERTIFICATE_KINDS = ['course', 'activity', 'path'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** Where and when the training activity of a certificate of participation took place, as issued. */
export class CertificateActivityDto {
  @ApiProperty({ format: 'date', example: '2026-11-23' }) startsOn: string;
  @ApiProperty({ format: 'date', example: '2026-11-25' }) endsOn: string;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Venue Member State, ISO alpha-3; null when held online' })
  memberState: string | null;
}

export class CertificateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: CERTIFICATE_KINDS,
    enumName: 'CertificateKind',
    description: 'Completion of an online course, participation in a training activity, or completion of every course of a learning path',
  })
  kind: CertificateKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a certificate of participation' }) courseId:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The activity of a certificate of participation' })
  activityId: string | null;
  @ApiProperty({ type: CertificateActivityDto, nullable: true }) activity: CertificateActivityDto | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The learning path of a path certificate (courseTitle is its title)',
  })
  learningPathId: string | null;
  @ApiProperty({ example: 'CTLP-2026-000123' }) serial: string;
  @ApiProperty() verificationCode: string;
  @ApiProperty({ description: 'PUBLIC_URL/verify/<code>' }) verificationUrl: string;
  @ApiProperty({ type: String, nullable: true, description: "Null when the holder's name is withheld (their personal data was erased)" })
  holderName: string | null;
  @ApiProperty({ description: "The course's title, or the activity's" }) courseTitle: string;
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

/** The holder's newer certificate of the same course (recertification), as verifying an older one shows it. */
export class CurrentCertificateDto {
  @ApiProperty({ example: 'CTLP-2027-000456' }) serial: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ enum: CERTIFICATE_STATUSES, enumName: 'CertificateStatus', description: 'valid, expired or revoked' })
  status: CertificateStatus;
}

/** What anyone holding the link may learn: nothing about the holder beyond the name. */
export class VerificationDto {
  @ApiProperty({ enum: CERTIFICATE_STATUSES, enumName: 'CertificateStatus' }) status: CertificateStatus;
  @ApiProperty({ enum: CERTIFICATE_KINDS, enumName: 'CertificateKind' }) kind: CertificateKind;
  @ApiProperty({ type: String, nullable: true, description: "Null when the holder's name is withheld (their personal data was erased)" })
  holderName: string | null;
  @ApiProperty({ description: "The course's title, or the activity's the holder participated in" }) courseTitle: string;
  @ApiProperty({ type: CertificateActivityDto, nullable: true }) activity: CertificateActivityDto | null;
  @ApiProperty({ description: "Hours of learning certified (a learning path's: its courses' hours summed)" }) hours: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({
    type: CurrentCertificateDto,
    nullable: true,
    description: 'For a superseded certificate: the newer one a later cycle of the course earned the holder',
  })
  current: CurrentCertificateDto | null;
}

export class RevokeCertificateDto {
  @ApiProperty({ minLength: 3, maxLength: 1000 })
  @Trim()
  @IsString()
  @Length(3, 1000)
  reason: string;
}

/** What issuing an activity's certificates of participation did. */
export class ParticipationCertificatesIssuedDto {
  @ApiProperty({ description: 'Certificates issued by this request' }) issued: number;
  @ApiProperty({ description: "The activity's certificates of participation now, these included" }) total: number;
}

/** GET /api/certificates/:id/pdf?locale=: the language to print the certificate in. */
export class CertificatePdfQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: "The certificate's language; the holder's when absent" })
  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;
}
