import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LOCALES } from '@ctlp/contracts';
import type { Locale } from '@ctlp/contracts';
import { PROFILE_TEXT_MAX, ProfileText } from './profile-fields.js';
import { Omittable } from '../../common/optional.js';

/**
 * What a user changes about themselves, each field optional and checked as at registration. The
 * Member State, agency type, roles and status are vetted data that only admins change.
 */
export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: PROFILE_TEXT_MAX })
  @Omittable()
  @ProfileText()
  fullName?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: PROFILE_TEXT_MAX })
  @Omittable()
  @ProfileText()
  institution?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: PROFILE_TEXT_MAX })
  @Omittable()
  @ProfileText()
  jobTitle?: string;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Language of the interface' })
  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;
}
