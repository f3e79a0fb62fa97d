import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentUser, type SessionUser } from '../auth/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateDto, CertificateListDto, RevokeCertificateDto, VerificationDto } from './dto/certificate.dto.js';

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

  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @Access('admin')
  @ApiOkResponse({ type: CertificateDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already revoked' })
  revoke(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: RevokeCertificateDto): Promise<CertificateDto> {
    return this.certificates.revoke(user, id, dto.reason);
  }

  @Get('verify/:code')
  @Access('public')
  @ApiOkResponse({ type: VerificationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No certificate has this code' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many unknown codes from this address' })
  verify(@Param('code') code: string, @Req() request: Request): Promise<VerificationDto> {
    return this.certificates.verify(code, request.ip ?? 'unknown');
  }
}
