import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ApiTokensService } from './api-tokens.service.js';
import { ApiTokenListDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto.js';

/**
 * Personal API tokens for scripted report exports. Managed from a signed-in session only: these
 * routes do not accept a token (no @AcceptsApiToken), so a token cannot mint or revoke tokens.
 */
@ApiTags('api-tokens')
@Controller('me/tokens')
@Access('admin', 'focal_point')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  /** A new token, shown in this answer only. */
  @Post()
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  create(@CurrentUser() user: SessionUser, @Body() dto: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    return this.tokens.create(user, dto);
  }

  /** The caller's tokens that are not revoked (without the tokens themselves). */
  @Get()
  @ApiOkResponse({ type: ApiTokenListDto })
  async list(@CurrentUser() user: SessionUser): Promise<ApiTokenListDto> {
    return { items: await this.tokens.list(user) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not one of the caller’s live tokens' })
  revoke(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<void> {
    return this.tokens.revoke(user, id);
  }
}
