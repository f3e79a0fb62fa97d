import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentUser, type SessionUser } from '../../access/access.decorator.js';
import { AllowedBeforeMfa } from '../../access/access.guard.js';
import { AppError } from '../../common/app-error.js';
import { ErrorDto } from '../../common/error.dto.js';
import { toUserDto } from '../../users/dto/user.dto.js';
import { halfSessionUser, restoreFullSessionLength } from './mfa-session.js';
import { MfaCodeDto, MfaDisableDto, MfaEnrolmentDto, RecoveryCodesDto, SignedInResponseDto } from './mfa.dto.js';
import { MfaService } from './mfa.service.js';

const LIMITED = 'Too many wrong codes for this account from this network: wait Retry-After seconds (the sign-in limits)';
const WRONG_CODE = '`fields.code` wrong_code: not a current code, already used, or not an unused recovery code';

/** Two-step sign-in (TOTP, RFC 6238) and recovery codes; required of the roles in MFA_REQUIRED_ROLES. */
@ApiTags('auth')
@Controller('auth/mfa')
@AllowedBeforeMfa()
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  /** Starts setting up an authenticator app; a second call replaces an enrolment not yet confirmed. */
  @Post('totp')
  @HttpCode(200)
  @Access('signed-in')
  @ApiOkResponse({ type: MfaEnrolmentDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'mfa_already_enabled' })
  startEnrolment(@CurrentUser() user: SessionUser): Promise<MfaEnrolmentDto> {
    return this.mfa.startEnrolment(user);
  }

  /** Confirms the app with a code it shows: MFA is on; the ten recovery codes are shown this once. */
  @Post('totp/confirm')
  @HttpCode(200)
  @Access('signed-in')
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: WRONG_CODE })
  @ApiConflictResponse({ type: ErrorDto, description: 'mfa_already_enabled, or mfa_not_enabled when no enrolment was started' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: LIMITED })
  async confirm(@CurrentUser() user: SessionUser, @Body() dto: MfaCodeDto, @Req() request: FastifyRequest): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.mfa.confirmEnrolment(user, dto.code, request.ip) };
  }

  /**
   * The second step of a sign-in that answered `{ mfaRequired: true }`: a TOTP code or an unused
   * recovery code. Signs in with a new session id.
   */
  @Post('verify')
  @HttpCode(200)
  @Access('public')
  @ApiOkResponse({ type: SignedInResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: WRONG_CODE })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'sign_in_required: no half session, or it ran out (10 minutes)' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: LIMITED })
  async verify(@Body() dto: MfaCodeDto, @Req() request: FastifyRequest): Promise<SignedInResponseDto> {
    const userId = halfSessionUser(request);
    if (!userId) throw new AppError('sign_in_required');
    const user = await this.mfa.verifySignIn(userId, dto.code, request.ip);
    await request.logIn(user);
    restoreFullSessionLength(request);
    return { user: toUserDto(user), mfa: this.mfa.status(user) };
  }

  /** Ten new recovery codes, given a current TOTP code; the old ones stop working. */
  @Post('recovery-codes')
  @HttpCode(200)
  @Access('signed-in')
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: WRONG_CODE })
  @ApiConflictResponse({ type: ErrorDto, description: 'mfa_not_enabled' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: LIMITED })
  async regenerate(@CurrentUser() user: SessionUser, @Body() dto: MfaCodeDto, @Req() request: FastifyRequest): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.mfa.regenerateRecoveryCodes(user, dto.code, request.ip) };
  }

  /** Turns MFA off, given the password or a current code; refused (mfa_required) when a role requires it. */
  @Post('disable')
  @HttpCode(204)
  @Access('signed-in')
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorDto, description: '`fields.password` (wrong_password, required) or `fields.code` (wrong_code)' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'mfa_required: a role of the user requires MFA' })
  @ApiConflictResponse({ type: ErrorDto, description: 'mfa_not_enabled' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: LIMITED })
  async disable(@CurrentUser() user: SessionUser, @Body() dto: MfaDisableDto, @Req() request: FastifyRequest): Promise<void> {
    await this.mfa.disable(user, dto, request.ip);
  }
}
