import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Omittable } from '../../common/optional.js';
import { PageQueryDto } from '../../common/pagination.dto.js';
import { Trim } from '../../common/transforms.js';
import type { AuditEventRow } from '../audit.repository.js';

export class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The actor’s email now (null: the system)' }) actorEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ example: 'registration.approved' }) action: string;
  @ApiProperty({ example: 'user' }) subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditEventListDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty() total: number;
}

/** The filters of the audit trail, shared by the list and its CSV export. */
export class AuditEventFiltersDto {
  @ApiPropertyOptional({
    description: 'An action, or every action starting with the text before a final `*`',
    example: 'api_token.*',
  })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.:-]+\*?$/)
  action?: string;

  @ApiPropertyOptional({ description: 'Who acted: an account id or email' })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\s\p{Cc}]+$/u)
  actor?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @Omittable() @IsUUID() actorId?: string;

  @ApiPropertyOptional({ example: 'user' })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.:-]+$/)
  subjectType?: string;

  @ApiPropertyOptional()
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(200)
  @Matches(/^[^\p{Cc}]+$/u)
  subjectId?: string;

  @ApiPropertyOptional({ description: 'From this instant, included (a date is midnight UTC)', example: '2026-01-01' })
  @Omittable()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Before this instant, excluded (a date is midnight UTC)', example: '2027-01-01' })
  @Omittable()
  @IsISO8601({ strict: true })
  to?: string;
}

/** The filters and a page, as every list has them. */
export class AuditEventQueryDto extends IntersectionType(AuditEventFiltersDto, PageQueryDto) {}

export function toAuditEventDto(event: AuditEventRow): AuditEventDto {
  return {
    id: String(event.id),
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    actorName: event.actorName,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    data: event.data,
    createdAt: event.createdAt.toISOString(),
  };
}
