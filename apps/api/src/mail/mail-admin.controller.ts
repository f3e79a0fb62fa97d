import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@ctlp/contracts';
import { Access } from '../access/access.decorator.js';
import { NotFoundError } from '../common/app-error.js';
import { ErrorDto } from '../common/error.dto.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { MAIL_STATUSES, type MailMessageEntity, type MailStatus } from './mail-message.entity.js';
import { MailRepository } from './mail.repository.js';

export class MailSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'The message, e.g. confirm_email' }) template: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) locale: Locale;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: MAIL_STATUSES, description: 'sent over SMTP, kept (no SMTP server: readable here), or failed' }) status: MailStatus;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ description: 'Whether its text is kept (only for messages not sent)' }) hasBody: boolean;
}

export class MailListDto {
  @ApiProperty({ type: [MailSummaryDto] }) items: MailSummaryDto[];
  @ApiProperty() total: number;
}

export class MailMessageDto extends MailSummaryDto {
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Show it sandboxed: it is a whole HTML document' }) html: string | null;
}

function summary(row: MailMessageEntity): MailSummaryDto {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    template: row.template,
    to: row.recipient,
    locale: row.locale,
    subject: row.subject,
    status: row.status,
    error: row.error,
    hasBody: row.textBody !== null,
  };
}

/** What the platform sent or kept, for admins (in development, with no SMTP server, the messages themselves). */
@ApiTags('admin')
@Controller('admin/mail')
export class MailAdminController {
  constructor(private readonly mail: MailRepository) {}

  @Get()
  @Access('admin')
  @ApiOkResponse({ type: MailListDto })
  async list(@Query() query: PageQueryDto): Promise<MailListDto> {
    const { rows, total } = await this.mail.list(query.limit, query.offset);
    return { items: rows.map(summary), total };
  }

  @Get(':id')
  @Access('admin')
  @ApiOkResponse({ type: MailMessageDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async one(@Param('id', ParseId()) id: string): Promise<MailMessageDto> {
    const row = await this.mail.one(id);
    if (!row) throw new NotFoundError('message');
    return { ...summary(row), text: row.textBody, html: row.htmlBody };
  }
}
