import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { Omittable } from '../../common/optional.js';
import { ERASURE_REQUEST_STATUSES, type ErasureRequestStatus } from '@ctlp/contracts';
import { PageQueryDto } from '../../common/pagination.dto.js';
import { Trim } from '../../common/transforms.js';
import type { ErasureRequestRow } from '../erasure-requests.repository.js';

export class ErasureRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ERASURE_REQUEST_STATUSES, enumName: 'ErasureRequestStatus' }) status: ErasureRequestStatus;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was completed, refused or withdrawn' })
  decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalReason: string | null;
}

/** What admins see of a request: who asked (as they are now: placeholders once erased). */
export class AdminErasureRequestDto extends ErasureRequestDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'ISO alpha-3' }) memberState: string;
  @ApiProperty({ type: [String] }) roles: string[];
}

export class ErasureRequestListDto {
  @ApiProperty({ type: [ErasureRequestDto] }) items: ErasureRequestDto[];
  @ApiProperty() total: number;
}

export class AdminErasureRequestListDto {
  @ApiProperty({ type: [AdminErasureRequestDto] }) items: AdminErasureRequestDto[];
  @ApiProperty() total: number;
}

export class ErasureRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ERASURE_REQUEST_STATUSES, enumName: 'ErasureRequestStatus' })
  @Omittable()
  @IsIn(ERASURE_REQUEST_STATUSES)
  status?: ErasureRequestStatus;
}

export class RefuseErasureDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why the data must be kept (told to the person)' })
  @Trim()
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export function toErasureRequestDto(row: ErasureRequestRow): ErasureRequestDto {
  return {
    id: row.id,
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    refusalReason: row.refusalReason,
  };
}

export function toAdminErasureRequestDto(row: ErasureRequestRow): AdminErasureRequestDto {
  return {
    ...toErasureRequestDto(row),
    userId: row.userId,
    fullName: row.fullName,
    email: row.email,
    memberState: row.memberState,
    roles: row.roles,
  };
}
