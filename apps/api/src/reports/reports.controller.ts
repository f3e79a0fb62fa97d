import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HttpResponse } from '../common/http.js';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Access, CurrentUser, type SessionUser } from '../auth/access.decorator.js';
import { MemberStateReportDto, MemberStateReportQueryDto } from './dto/report.dto.js';
import { reportCsv, reportFileName, reportXlsx } from './report-files.js';
import { ReportsService } from './reports.service.js';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('member-states')
  @Access('admin', 'focal_point')
  @ApiProduces('application/json', CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ type: MemberStateReportDto, description: 'JSON, or a CSV or XLSX download with format=csv|xlsx' })
  async memberStates(
    @CurrentUser() user: SessionUser,
    @Query() query: MemberStateReportQueryDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<MemberStateReportDto | StreamableFile> {
    const report = await this.reports.memberStates(user, query);
    const format = query.format ?? 'json';
    if (format === 'json') return report;
    // Every file that leaves the platform is recorded, with what it contained.
    await this.audit.record(this.dataSource.manager, {
      actorId: user.id,
      action: 'report.exported',
      subjectType: 'report',
      subjectId: 'member-states',
      data: { report: 'member-states', format, ...report.filters },
    });
    response.header('Cache-Control', 'private, no-store');
    return new StreamableFile(format === 'csv' ? reportCsv(report) : await reportXlsx(report), {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="${reportFileName(report, format)}"`,
    });
  }
}
