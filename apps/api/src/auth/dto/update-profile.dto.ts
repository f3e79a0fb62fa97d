import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES } from '@ctlp/contracts';
import type { Locale } from '@ctlp/contracts';

/** What a user changes about themselves; the rest is vetted data that only admins change. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Language of the interface' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}
