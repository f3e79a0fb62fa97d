import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { USER_STATUSES } from '@ctlp/contracts';
import type { UserStatus } from '@ctlp/contracts';
import { PageQueryDto } from '../../common/pagination.dto.js';
import { Trim } from '../../common/transforms.js';

export class RegistrationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: USER_STATUSES, enumName: 'UserStatus', default: 'pending' })
  @IsOptional()
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
