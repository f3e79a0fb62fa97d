import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import type { HttpRequest } from '../common/http.js';
import { AccountLinksService } from './account-links.service.js';
import { ConfirmEmailQueryDto, EmailConfirmedDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/account-links.dto.js';

/** The links mailed to officials: confirming an address, setting a forgotten password. */
@ApiTags('auth')
@Controller('auth')
export class AccountLinksController {
  constructor(private readonly links: AccountLinksService) {}

  /** Mails a reset link when an account has this email: the same answer, in the same time, either way. */
  @Post('password-reset')
  @HttpCode(202)
  @Access('public')
  @ApiAcceptedResponse({ description: 'Whether or not an account has this email' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many requests from this network' })
  async requestReset(@Body() dto: PasswordResetRequestDto, @Req() request: HttpRequest): Promise<void> {
    await this.links.requestReset(dto.email, request.ip);
  }

  /** Sets the new password; every session of the account ends and any sign-in pause is lifted. */
  @Post('password-reset/confirm')
  @HttpCode(204)
  @Access('public')
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorDto, description: 'link_invalid, or the password refused (fields.password)' })
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.links.resetPassword(dto.token, dto.password);
  }

  @Get('confirm-email')
  @Access('public')
  @ApiOkResponse({ type: EmailConfirmedDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'link_invalid' })
  async confirmEmail(@Query() query: ConfirmEmailQueryDto): Promise<EmailConfirmedDto> {
    const { status } = await this.links.confirmEmail(query.token);
    return { confirmed: true, status };
  }

  /** Mails a new confirmation link to the signed-in official (at most one every five minutes). */
  @Post('confirm-email/resend')
  @HttpCode(202)
  @Access('signed-in')
  @ApiAcceptedResponse()
  async resend(@CurrentUser() user: SessionUser): Promise<void> {
    if (!user.emailConfirmedAt) await this.links.resendConfirmation(user.id);
  }
}
