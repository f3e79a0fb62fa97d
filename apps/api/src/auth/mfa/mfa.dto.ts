import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Omittable } from '../../common/optional.js';
import { PASSWORD_MAX_LENGTH } from '@ctlp/contracts';
import { UserDto } from '../../users/dto/user.dto.js';

export class MfaStatusDto {
  @ApiProperty({ description: 'Two-step sign-in (TOTP) is on' }) enabled: boolean;
  @ApiProperty({ description: 'The user holds a role that requires it (MFA_REQUIRED_ROLES): it must be on, and cannot be turned off' })
  required: boolean;
}

/** The signed-in user and where they stand with two-step sign-in, so the web app can route. */
export class SignedInResponseDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: MfaStatusDto }) mfa: MfaStatusDto;
}

/** Who is signed in on this client, or nulls for a visitor. */
export class CurrentSignInDto {
  @ApiProperty({ type: UserDto, nullable: true }) user: UserDto | null;
  @ApiProperty({ type: MfaStatusDto, nullable: true }) mfa: MfaStatusDto | null;
}

/** A sign-in: done (`user`, `mfa`), or waiting for the second step (`mfaRequired`, nothing else). */
export class LoginResponseDto {
  @ApiPropertyOptional({ type: UserDto }) user?: UserDto;
  @ApiPropertyOptional({ type: MfaStatusDto }) mfa?: MfaStatusDto;
  @ApiPropertyOptional({
    description: 'The password was right and the account has TOTP: POST /api/auth/mfa/verify within 10 minutes to finish signing in',
  })
  mfaRequired?: boolean;
}

export class MfaEnrolmentDto {
  @ApiProperty({ description: 'The TOTP secret in base32, for typing into an app by hand' }) secret: string;
  @ApiProperty({ description: 'otpauth://totp/… URL, for a QR code' }) otpauthUrl: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Ten single-use codes, shown this once (only their hashes are kept)' })
  recoveryCodes: string[];
}

export class MfaCodeDto {
  @ApiProperty({ description: 'A 6-digit code from the authenticator app (or, where accepted, a recovery code)', example: '123456' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code: string;
}

/** Turning MFA off takes the password or a current code. */
export class MfaDisableDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({ description: 'A 6-digit code or an unused recovery code' })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code?: string;
}
