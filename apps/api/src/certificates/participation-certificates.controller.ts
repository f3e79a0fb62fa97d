import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateListDto, ParticipationCertificatesIssuedDto } from './dto/certificate.dto.js';

/** Certificates of participation in a training activity, for its organisers and admins. */
@ApiTags('certificates')
@Controller('activities/:id/certificates')
export class ParticipationCertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Post()
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOperation({
    summary: 'Issue certificates of participation',
    description: 'To every participant whose attendance completed the closed activity and who holds none yet; idempotent.',
  })
  @ApiOkResponse({ type: ParticipationCertificatesIssuedDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such activity, or the caller does not organise it' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The activity is not closed yet' })
  issue(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<ParticipationCertificatesIssuedDto> {
    return this.certificates.issueForActivityBy(user, id);
  }

  @Get()
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CertificateListDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such activity, or the caller does not organise it' })
  async list(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CertificateListDto> {
    const items = await this.certificates.ofActivity(user, id);
    return { items, total: items.length };
  }
}
