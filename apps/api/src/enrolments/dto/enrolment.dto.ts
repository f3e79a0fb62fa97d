import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CERTIFICATE_STATUSES, ENROLMENT_SOURCES, ENROLMENT_STATUSES } from '@ctlp/contracts';
import type { CertificateStatus, EnrolmentSource, EnrolmentStatus } from '@ctlp/contracts';
import { CourseSummaryDto } from '../../courses/dto/course.dto.js';
import { Omittable } from '../../common/optional.js';

export class EnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES, enumName: 'EnrolmentStatus' }) status: EnrolmentStatus;
  @ApiProperty({ enum: ENROLMENT_SOURCES, enumName: 'EnrolmentSource' }) source: EnrolmentSource;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ format: 'date-time' }) enrolledAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) finalScore: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastActivityAt: string | null;
  @ApiProperty({ minimum: 1, description: '1 the first time through the course, n + 1 for each recertification' }) cycle: number;
}

export class EnrolmentResponseDto {
  @ApiProperty({ type: EnrolmentDto }) enrolment: EnrolmentDto;
}

export class PastCycleCertificateDto {
  @ApiProperty() serial: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ enum: CERTIFICATE_STATUSES, enumName: 'CertificateStatus' }) status: CertificateStatus;
}

/** An earlier, superseded cycle of an enrolment, with the certificate it earned. */
export class PastCycleDto {
  @ApiProperty({ minimum: 1 }) cycle: number;
  @ApiProperty({ format: 'date-time' }) enrolledAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: PastCycleCertificateDto, nullable: true }) certificate: PastCycleCertificateDto | null;
}

export class MyEnrolmentItemDto extends EnrolmentDto {
  @ApiProperty({ type: CourseSummaryDto }) course: CourseSummaryDto;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Where to resume: the first lesson in outline order not done yet, else the first; null when the course has none',
  })
  nextLessonId: string | null;
  @ApiProperty({ description: 'The certificate of this cycle has expired: enrolling again starts the next cycle' }) canRetake: boolean;
  @ApiProperty({ type: [PastCycleDto], description: 'Earlier cycles of this enrolment, newest first' }) pastCycles: PastCycleDto[];
}

export class MyEnrolmentListDto {
  @ApiProperty({ type: [MyEnrolmentItemDto] }) items: MyEnrolmentItemDto[];
  @ApiProperty() total: number;
}

export class LearnerCertificateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() serial: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class LearnerDto extends EnrolmentDto {
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty() memberState: string;
  @ApiProperty() institution: string;
  @ApiProperty({ type: LearnerCertificateDto, nullable: true }) certificate: LearnerCertificateDto | null;
}

export class LearnerListDto {
  @ApiProperty({ type: [LearnerDto] }) items: LearnerDto[];
  @ApiProperty() total: number;
}

export class LearnerQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @Omittable()
  @IsIn(['json', 'csv'])
  format: 'json' | 'csv' = 'json';
}

export class BulkEnrolmentReportDto {
  @ApiProperty({ type: [String] }) enrolled: string[];
  @ApiProperty({ type: [String] }) alreadyEnrolled: string[];
  @ApiProperty({ type: [String], description: 'No active account with this email' }) unknown: string[];
  @ApiProperty({ type: [String], description: 'Rows whose email cell is not an email address' }) invalid: string[];
}
