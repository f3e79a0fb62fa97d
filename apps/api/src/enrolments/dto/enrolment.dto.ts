import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ENROLMENT_SOURCES, ENROLMENT_STATUSES } from '@ctlp/contracts';
import type { EnrolmentSource, EnrolmentStatus } from '@ctlp/contracts';
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
}

export class EnrolmentResponseDto {
  @ApiProperty({ type: EnrolmentDto }) enrolment: EnrolmentDto;
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
