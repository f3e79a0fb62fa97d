import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'Invalid email' }) message: string;
  @ApiPropertyOptional({ example: 'validation_failed' }) code?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { email: 'email must be an email' },
    description: 'Each bad request field and what is wrong with it',
  })
  fields?: Record<string, string>;
}
