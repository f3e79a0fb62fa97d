import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { HttpRequest, HttpResponse } from '../common/http.js';
import { Access, CurrentUser, OptionalUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CertificatesService } from './certificates.service.js';
import {
  CertificateDto,
  CertificateListDto,
  CertificatePdfQueryDto,
  RevokeCertificateDto,
  VerificationDto,
} from './dto/certificate.dto.js';

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('me/certificates')
  @Access('learner')
  @ApiOkResponse({ type: CertificateListDto })
  async mine(@CurrentUser() user: SessionUser): Promise<CertificateListDto> {
    const items = await this.certificates.mine(user);
    return { items, total: items.length };
  }

  @Get('certificates/:id')
  @Access('learner', 'trainer', 'admin')
  @ApiOkResponse({ type: CertificateDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not the holder, a trainer of the course, or an admin' })
  one(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CertificateDto> {
    return this.certificates.forViewer(user, id);
  }

  // Public so that a caller who is not signed in gets the same 404 as anyone else who may not see it.
  @Get('certificates/:id/pdf')
  @Access('public')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      "A4 landscape PDF with a QR code to the verification page, in the holder's language or the one asked for (Arabic right to left); streamed",
    schema: { type: 'string', format: 'binary' },
  })
  @ApiBadRequestResponse({ type: ErrorDto, description: '`locale` is not one of the six languages' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not the holder, a trainer of the course, or an admin' })
  async pdf(
    @OptionalUser() user: SessionUser | undefined,
    @Param('id', ParseId()) id: string,
    @Query() query: CertificatePdfQueryDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    const { certificate, locale, pdf } = await this.certificates.pdf(user, id, { locale: query.locale });
    response.header('Cache-Control', 'private, no-store');
    response.header('Content-Language', locale);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${certificate.serial}.pdf"`,
    });
  }

  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @Access('admin')
  @ApiOkResponse({ type: CertificateDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already revoked' })
  revoke(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: RevokeCertificateDto): Promise<CertificateDto> {
    return this.certificates.revoke(user, id, dto.reason);
  }

  /** Takes back a revocation: the certificate verifies as valid again. */
  @Post('certificates/:id/reinstate')
  @HttpCode(200)
  @Access('admin')
  @ApiOkResponse({ type: CertificateDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Not revoked' })
  reinstate(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CertificateDto> {
    return this.certificates.reinstate(user, id);
  }

  @Get('verify/:code')
  // Revocation shows at once: a cache may keep the answer only if it asks again first.
  @Header('Cache-Control', 'no-cache')
  @Access('public')
  @ApiOkResponse({ type: VerificationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No certificate has this code' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many unknown codes from this address' })
  verify(@Param('code') code: string, @Req() request: HttpRequest): Promise<VerificationDto> {
    return this.certificates.verify(code, request.ip ?? 'unknown');
  }
}
