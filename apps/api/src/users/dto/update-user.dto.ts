import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { ROLES } from '@ctlp/contracts';
import type { Role } from '@ctlp/contracts';
import { Omittable } from '../../common/optional.js';

/** Statuses an admin sets directly; pending and rejected come only from vetting. */
export const ADMIN_SETTABLE_STATUSES = ['active', 'suspended'] as const;

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', isArray: true })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ enum: ADMIN_SETTABLE_STATUSES })
  @Omittable()
  @IsIn(ADMIN_SETTABLE_STATUSES)
  status?: (typeof ADMIN_SETTABLE_STATUSES)[number];
}
