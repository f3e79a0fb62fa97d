import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http.js';
import { Access } from '../access/access.decorator.js';
import { HealthRepository } from './health.repository.js';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) db: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: HealthRepository) {}

  @Get()
  @Access('public')
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) response: HttpResponse): Promise<HealthDto> {
    try {
      await this.database.ping();
      return { status: 'ok', db: 'up' };
    } catch {
      response.status(503);
      return { status: 'error', db: 'down' };
    }
  }
}
