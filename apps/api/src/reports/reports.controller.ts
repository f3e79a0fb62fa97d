import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { AcceptsApiToken } from '../access/api-token.decorator.js';
import { ExportRoute } from '../common/export-request.js';
import type { HttpResponse } from '../common/http.js';
import { MemberStateReportDto, MemberStateReportQueryDto } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('member-states')
  @Access('admin', 'focal_point')
  @AcceptsApiToken('reports:read')
  @ExportRoute()
  @ApiProduces('application/json', CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ type: MemberStateReportDto, description: 'JSON, or a CSV or XLSX download with format=csv|xlsx' })
  async memberStates(
    @CurrentUser() user: SessionUser,
    @Query() query: MemberStateReportQueryDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<MemberStateReportDto | StreamableFile> {
    const format = query.format ?? 'json';
    if (format === 'json') return this.reports.memberStates(user, query);
    const file = await this.reports.memberStatesFile(user, query, format);
    response.header('Cache-Control', 'private, no-store');
    return new StreamableFile(file.stream, { type: CONTENT_TYPES[format], disposition: `attachment; filename="${file.fileName}"` });
  }
}
