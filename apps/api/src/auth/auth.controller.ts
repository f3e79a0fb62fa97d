import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorDto } from '../common/error.dto.js';
import { toUserDto, UserResponseDto } from '../users/dto/user.dto.js';
import { Access, CurrentUser, OptionalUser, type SessionUser } from '../access/access.decorator.js';
import { AllowedBeforeMfa } from '../access/access.guard.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { SessionListDto, toSessionDto } from './dto/session.dto.js';
import { UpdateProfileDto } from './dto/update-profile.dto.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { CurrentSignInDto, LoginResponseDto, SignedInResponseDto } from './mfa/mfa.dto.js';
import { MfaService } from './mfa/mfa.service.js';
import { SESSION_COOKIE } from './session-store.js';

const RATE_LIMITED = 'Too many failed attempts from this network for this account, or from this network: wait Retry-After seconds';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
  ) {}

  /**
   * A new official, pending vetting. The answer is 202 and empty whether or not the address
   * already has an account (its owner is mailed instead, and nothing is created), so it says
   * nothing about who is registered; no one is signed in. The applicant confirms the address from
   * the mail, then signs in to see where the registration stands. Limited per network and overall.
   */
  @Post('register')
  @HttpCode(202)
  @Access('public')
  @ApiAcceptedResponse({ description: 'Registered, or the address already has an account (its owner is mailed): the same answer' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiTooManyRequestsResponse({
    type: ErrorDto,
    description: 'rate_limited: too many registrations from this network, or overall; wait Retry-After seconds',
  })
  async register(@Body() dto: RegisterDto, @Req() request: FastifyRequest): Promise<void> {
    await this.auth.register(dto, request.ip);
  }

  /**
   * The same answer, in the same time, for an unknown email and a wrong password. Repeated
   * failures slow down and then pause attempts on that account from that network, and a network
   * that fails too often across accounts is paused; the owner elsewhere is never locked out.
   * An account with TOTP gets `{ mfaRequired: true }` and a half session instead (auth/mfa).
   */
  @Post('login')
  @HttpCode(200)
  @Access('public')
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Email or password is wrong' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: RATE_LIMITED })
  login(@OptionalUser() user: SessionUser | undefined): LoginResponseDto {
    // No user after a right password: the half session waits for POST /api/auth/mfa/verify.
    return user ? { user: toUserDto(user), mfa: this.mfa.status(user) } : { mfaRequired: true };
  }

  @Post('logout')
  @AllowedBeforeMfa()
  @HttpCode(204)
  @Access('public')
  @ApiNoContentResponse()
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await endThisSession(request, reply);
  }

  @Get('me')
  @Access('signed-in')
  @AllowedBeforeMfa()
  @ApiOkResponse({ type: SignedInResponseDto })
  me(@CurrentUser() user: SessionUser): SignedInResponseDto {
    return { user: toUserDto(user), mfa: this.mfa.status(user) };
  }

  /**
   * Who is signed in on this client: the user, or `null` with 200 for a caller who is not. The web
   * app asks this on every page, and a signed-out visitor is a normal answer there, not an error
   * (browsers log every 4xx answer to the console); /me keeps its 401 for API clients.
   */
  @Get('current')
  @Access('public')
  @AllowedBeforeMfa()
  @ApiOkResponse({ type: CurrentSignInDto })
  current(@OptionalUser() user: SessionUser | undefined): CurrentSignInDto {
    return user ? { user: toUserDto(user), mfa: this.mfa.status(user) } : { user: null, mfa: null };
  }

  /** The caller's own name, institution, job title and interface language; the fields sent change. */
  @Patch('me')
  @Access('signed-in')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  async updateMe(@CurrentUser() user: SessionUser, @Body() dto: UpdateProfileDto): Promise<UserResponseDto> {
    return { user: toUserDto(await this.auth.updateProfile(user.id, dto)) };
  }

  /**
   * A new password, given the current one; every other session of the account ends, this one
   * stays signed in. A wrong current password counts like a failed sign-in.
   */
  @Post('password')
  @HttpCode(204)
  @Access('signed-in')
  @ApiNoContentResponse({ description: 'Changed; the other sessions are ended' })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: '`fields.currentPassword` (wrong_password) and/or `fields.newPassword` (the registration policy)',
  })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: RATE_LIMITED })
  async changePassword(@CurrentUser() user: SessionUser, @Body() dto: ChangePasswordDto, @Req() request: FastifyRequest): Promise<void> {
    await this.auth.changePassword(user, dto, request.ip, request.session?.sessionId);
  }

  /** The caller's signed-in devices (live sessions), newest sign-in first. */
  @Get('sessions')
  @AllowedBeforeMfa()
  @Access('signed-in')
  @ApiOkResponse({ type: SessionListDto })
  async sessions(@CurrentUser() user: SessionUser, @Req() request: FastifyRequest): Promise<SessionListDto> {
    const { items, total } = await this.auth.listSessions(user.id, request.session?.sessionId);
    return { items: items.map(toSessionDto), total };
  }

  /** Signs one of the caller's devices out; ending the current session signs this client out. */
  @Delete('sessions/:id')
  @AllowedBeforeMfa()
  @HttpCode(204)
  @Access('signed-in')
  @ApiParam({ name: 'id', description: 'A session id from GET /api/auth/sessions' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not one of the caller’s sessions' })
  async endSession(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { current } = await this.auth.endSession(user.id, id, request.session?.sessionId);
    if (current) await endThisSession(request, reply);
  }

  /** Signs every other device of the caller out. */
  @Post('sessions/revoke-others')
  @AllowedBeforeMfa()
  @HttpCode(204)
  @Access('signed-in')
  @ApiNoContentResponse()
  async endOtherSessions(@CurrentUser() user: SessionUser, @Req() request: FastifyRequest): Promise<void> {
    await this.auth.endOtherSessions(user.id, request.session?.sessionId);
  }
}

/** Ends the session this request came with, if it had one, and tells the browser to drop the cookie. */
async function endThisSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.user = undefined;
  // Only a request that carried the session cookie has a session to end (see sessions.ts).
  if (request.session?.sessionId) await request.session.destroy();
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
