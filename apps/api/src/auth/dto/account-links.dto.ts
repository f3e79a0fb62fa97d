import { ApiProperty } from '@nestjs/swagger';
import { USER_STATUSES, type UserStatus } from '@ctlp/contracts';
import { IsString, Length, MaxLength } from 'class-validator';
import { AccountEmail } from '../../common/emails.js';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'a.official@interior.gov.ke', maxLength: 254 })
  @AccountEmail()
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the link in the mail' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ description: 'The new password (same rules as registration)' })
  @IsString()
  @MaxLength(1000)
  password: string;
}

export class ConfirmEmailQueryDto {
  @ApiProperty({ description: 'The token of the link in the mail' })
  @IsString()
  @Length(20, 200)
  token: string;
}

export class EmailConfirmedDto {
  @ApiProperty({ enum: [true] }) confirmed: true;
  @ApiProperty({ enum: USER_STATUSES, enumName: 'UserStatus', description: 'pending: the registration still awaits the focal point' })
  status: UserStatus;
}
