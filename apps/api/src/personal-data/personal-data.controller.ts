import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import type { HttpResponse } from '../common/http.js';
import { ParseId } from '../common/parse-id.pipe.js';
import {
  AdminErasureRequestDto,
  AdminErasureRequestListDto,
  ErasureRequestDto,
  ErasureRequestListDto,
  ErasureRequestQueryDto,
  RefuseErasureDto,
  toAdminErasureRequestDto,
  toErasureRequestDto,
} from './dto/erasure-request.dto.js';
import { PersonalDataDto } from './dto/personal-data.dto.js';
import { PersonalDataService } from './personal-data.service.js';
import { ExportRoute } from '../common/export-request.js';

@ApiTags('personal data')
@Controller()
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  /** Everything held about the caller, as a download (GDPR art. 15 and 20); audited. */
  @Get('me/data')
  @ExportRoute()
  @Access('signed-in')
  @ApiOkResponse({ type: PersonalDataDto })
  async export(@CurrentUser() user: SessionUser, @Res({ passthrough: true }) response: HttpResponse): Promise<PersonalDataDto> {
    const document = await this.personalData.export(user);
    response.header('Content-Disposition', 'attachment; filename="ctlp-my-data.json"');
    response.header('Cache-Control', 'private, no-store');
    return document;
  }

  @Get('me/erasure')
  @Access('signed-in')
  @ApiOkResponse({ type: ErasureRequestListDto })
  async mine(@CurrentUser() user: SessionUser): Promise<ErasureRequestListDto> {
    const rows = await this.personalData.mine(user);
    return { items: rows.map(toErasureRequestDto), total: rows.length };
  }

  @Post('me/erasure')
  @Access('signed-in')
  @ApiCreatedResponse({ type: ErasureRequestDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'erasure_already_requested: one is open already' })
  async request(@CurrentUser() user: SessionUser): Promise<ErasureRequestDto> {
    return toErasureRequestDto(await this.personalData.request(user));
  }

  @Post('me/erasure/:id/withdraw')
  @HttpCode(200)
  @Access('signed-in')
  @ApiOkResponse({ type: ErasureRequestDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'erasure_request_closed' })
  async withdraw(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<ErasureRequestDto> {
    return toErasureRequestDto(await this.personalData.withdraw(user, id));
  }

  @Get('erasure-requests')
  @Access('admin')
  @ApiOkResponse({ type: AdminErasureRequestListDto })
  async list(@Query() query: ErasureRequestQueryDto): Promise<AdminErasureRequestListDto> {
    const { rows, total } = await this.personalData.list(query);
    return { items: rows.map(toAdminErasureRequestDto), total };
  }

  /** Pseudonymises the person: name, email and free text replaced; counts, serials and the audit trail stay. */
  @Post('erasure-requests/:id/complete')
  @HttpCode(200)
  @Access('admin')
  @ApiOkResponse({ type: AdminErasureRequestDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'erasure_request_closed, or self_lockout for your own request' })
  async complete(@CurrentUser() admin: SessionUser, @Param('id', ParseId()) id: string): Promise<AdminErasureRequestDto> {
    return toAdminErasureRequestDto(await this.personalData.complete(admin, id));
  }

  @Post('erasure-requests/:id/refuse')
  @HttpCode(200)
  @Access('admin')
  @ApiOkResponse({ type: AdminErasureRequestDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'erasure_request_closed' })
  async refuse(
    @CurrentUser() admin: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: RefuseErasureDto,
  ): Promise<AdminErasureRequestDto> {
    return toAdminErasureRequestDto(await this.personalData.refuse(admin, id, dto.reason));
  }
}
