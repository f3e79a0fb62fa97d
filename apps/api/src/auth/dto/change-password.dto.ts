import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ctlp/contracts';

/**
 * The new password is held to the registration policy (passwords.ts) by the service, which knows
 * the account's email; a wrong current password counts like a failed sign-in.
 */
export class ChangePasswordDto {
  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'No composition rules; common passwords and ones built from the email are refused',
  })
  @IsString()
  newPassword: string;
}
