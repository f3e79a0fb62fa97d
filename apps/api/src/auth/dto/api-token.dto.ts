import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@ctlp/contracts';
import { Trim } from '../../common/transforms.js';
import type { ApiTokenRow } from '../api-tokens.repository.js';

export class CreateApiTokenDto {
  @ApiProperty({ maxLength: 100, example: 'Quarterly export script' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, enumName: 'ApiTokenScope', isArray: true, example: ['reports:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_TOKEN_SCOPES, { each: true })
  scopes: ApiTokenScope[];

  @ApiProperty({
    description: 'When the token stops working: in the future, at most one year ahead (a date is midnight UTC)',
    example: '2027-06-30',
  })
  @IsISO8601({ strict: true })
  expiresAt: string;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The start of the token, to tell tokens apart', example: 'ctlp_pat_AbC1' }) prefix: string;
  @ApiProperty({ enum: API_TOKEN_SCOPES, enumName: 'ApiTokenScope', isArray: true }) scopes: ApiTokenScope[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
}

export class ApiTokenListDto {
  @ApiProperty({ type: [ApiTokenDto] }) items: ApiTokenDto[];
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'The token itself: shown this once, never again', example: 'ctlp_pat_…' }) token: string;
}

export function toApiTokenDto(row: ApiTokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
  };
}
