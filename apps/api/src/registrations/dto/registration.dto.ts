import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { USER_STATUSES } from '@ctlp/contracts';
import type { UserStatus } from '@ctlp/contracts';
import { PageQueryDto } from '../../common/pagination.dto.js';
import { Trim } from '../../common/transforms.js';
import { Omittable } from '../../common/optional.js';

export class RegistrationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: USER_STATUSES, enumName: 'UserStatus', default: 'pending' })
  @Omittable()
  @IsIn(USER_STATUSES)
  status: UserStatus = 'pending';
}

export class RejectRegistrationDto {
  @ApiProperty({ maxLength: 1000, description: 'Told to the applicant' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  reason: string;
}

/** The most registrations one bulk approval (or undo) decides: a page of the vetting queue and then some. */
export const MAX_BULK_APPROVALS = 100;

/** Registrations named together: approved at once, or their decisions undone at once. */
export class RegistrationIdsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_APPROVALS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_APPROVALS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds: string[];
}
