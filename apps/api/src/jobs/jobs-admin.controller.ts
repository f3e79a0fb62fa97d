import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { JobsService } from './jobs.service.js';

export class FailedJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The kind of job, e.g. send-mail' }) name: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the job was given' }) data: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The last error' })
  output: Record<string, unknown> | null;
  @ApiProperty() retryCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
}

export class FailedJobListDto {
  @ApiProperty({ type: [FailedJobDto] }) items: FailedJobDto[];
  @ApiProperty() total: number;
}

/** The dead letters: background jobs that failed every try, for admins to read and send again. */
@ApiTags('admin')
@Controller('admin/jobs')
export class JobsAdminController {
  constructor(private readonly jobs: JobsService) {}

  @Get('failed')
  @Access('admin')
  @ApiOkResponse({ type: FailedJobListDto })
  async failed(@Query() query: PageQueryDto): Promise<FailedJobListDto> {
    const { rows, total } = await this.jobs.failed(query.limit, query.offset);
    return {
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        data: (row.data ?? {}) as Record<string, unknown>,
        output: (row.output ?? null) as Record<string, unknown> | null,
        retryCount: row.retryCount,
        createdAt: row.createdOn.toISOString(),
        failedAt: row.failedOn?.toISOString() ?? null,
      })),
      total,
    };
  }

  @Post(':id/retry')
  @HttpCode(204)
  @Access('admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No failed job with this id (or it was archived)' })
  retry(@Param('id', ParseId()) id: string): Promise<void> {
    return this.jobs.retry(id);
  }
}
