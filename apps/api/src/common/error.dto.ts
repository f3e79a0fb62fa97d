import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, FIELD_ERROR_CODES, type ErrorCode, type FieldErrorCode, type FieldErrorParams } from '@ctlp/contracts';

export class FieldErrorDto {
  @ApiProperty({ enum: FIELD_ERROR_CODES, enumName: 'FieldErrorCode' }) code: FieldErrorCode;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { max: 200 }, description: 'What a message about it needs' })
  params?: FieldErrorParams;
  @ApiProperty({ example: 'fullName must be at most 200 characters', description: 'In English, for API clients' }) message: string;
}

@ApiExtraModels(FieldErrorDto)
export class ErrorDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', description: 'Stable; the web app shows its translation' }) code: ErrorCode;
  @ApiProperty({ example: 'Invalid email', description: 'In English, for API clients' }) message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What a message about the error needs' })
  params?: FieldErrorParams;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldErrorDto' },
    example: { email: { code: 'not_email', message: 'email must be a valid email address' } },
    description: 'Each bad request field and what is wrong with it',
  })
  fields?: Record<string, FieldErrorDto>;
}
