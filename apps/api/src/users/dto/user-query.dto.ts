import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, USER_STATUSES } from '@ctlp/contracts';
import type { Role, UserStatus } from '@ctlp/contracts';
import { PageQueryDto } from '../../common/pagination.dto.js';
import { Trim, TrimUpper } from '../../common/transforms.js';
import { Omittable } from '../../common/optional.js';

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Searches name and email' })
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @Omittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: USER_STATUSES, enumName: 'UserStatus' })
  @Omittable()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-3' })
  @Omittable()
  @TrimUpper()
  @IsString()
  @Length(3, 3)
  memberState?: string;
}
