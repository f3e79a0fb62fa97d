import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LOCALES } from '@ctlp/contracts';
import type { Locale } from '@ctlp/contracts';
import { Omittable } from '../../common/optional.js';

export class MemberStateQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', default: 'en' })
  @Omittable()
  @IsIn(LOCALES)
  locale: Locale = 'en';
}

export class MemberStateDto {
  @ApiProperty({ description: 'ISO 3166-1 alpha-3', example: 'KEN' }) code: string;
  @ApiProperty({ description: 'UN M49 numeric code', example: '404' }) m49: string;
  @ApiProperty({ description: 'M49 region', example: 'Africa' }) region: string;
  @ApiProperty({ description: 'M49 sub-region', example: 'Eastern Africa' }) subregion: string;
  @ApiProperty({ description: 'Name in the requested locale' }) name: string;
  @ApiProperty({ description: 'Observer State (Holy See, State of Palestine)' }) observer: boolean;
}

export class MemberStateListDto {
  @ApiProperty({ type: [MemberStateDto] }) items: MemberStateDto[];
  @ApiProperty() total: number;
}
