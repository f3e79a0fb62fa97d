import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditEventListDto, AuditEventQueryDto, toAuditEventDto } from './dto/audit-event.dto.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('admin')
  @ApiOkResponse({ type: AuditEventListDto })
  async list(@Query() query: AuditEventQueryDto): Promise<AuditEventListDto> {
    const { items, total } = await this.audit.list(query);
    return { items: items.map(toAuditEventDto), total };
  }
}
