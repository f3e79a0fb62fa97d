import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import type { HttpResponse } from '../common/http.js';
import { AuditService } from './audit.service.js';
import { AuditEventFiltersDto, AuditEventListDto, AuditEventQueryDto, toAuditEventDto } from './dto/audit-event.dto.js';
import { ExportRoute } from '../common/export-request.js';

@ApiTags('audit')
@Controller('audit-events')
@Access('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The trail, newest first, filtered by actor, action, subject and period. */
  @Get()
  @ApiOkResponse({ type: AuditEventListDto })
  async list(@Query() query: AuditEventQueryDto): Promise<AuditEventListDto> {
    const { items, total } = await this.audit.list(query);
    return { items: items.map(toAuditEventDto), total };
  }

  /** The filtered trail as a CSV download (at most 50,000 events); the export is itself audited. */
  @Get('export')
  @ExportRoute()
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with a byte order mark', schema: { type: 'string' } })
  async export(
    @CurrentUser() user: SessionUser,
    @Query() query: AuditEventFiltersDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<string> {
    const { csv } = await this.audit.exportCsv(user.id, query);
    const stamp = new Date().toISOString().slice(0, 10);
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header('Content-Disposition', `attachment; filename="ctlp-audit-${stamp}.csv"`);
    response.header('Cache-Control', 'private, no-store');
    return csv;
  }
}
