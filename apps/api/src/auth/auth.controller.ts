import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorDto } from '../common/error.dto.js';
import { toUserDto, UserResponseDto } from '../users/dto/user.dto.js';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { UpdateProfileDto } from './dto/update-profile.dto.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { SESSION_COOKIE } from './session-store.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** A new official; signed in at once so they can see where their registration stands. */
  @Post('register')
  @Access('public')
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Email already registered' })
  async register(@Body() dto: RegisterDto, @Req() request: FastifyRequest): Promise<UserResponseDto> {
    const user = await this.auth.register(dto);
    await request.logIn(user);
    return { user: toUserDto(user) };
  }

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Email or password is wrong' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many failed attempts' })
  login(@CurrentUser() user: SessionUser): UserResponseDto {
    return { user: toUserDto(user) };
  }

  @Post('logout')
  @HttpCode(204)
  @Access('public')
  @ApiNoContentResponse()
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    request.user = undefined;
    // Only a request that carried the session cookie has a session to end (see sessions.ts).
    if (request.session?.sessionId) await request.session.destroy();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Access('signed-in')
  @ApiOkResponse({ type: UserResponseDto })
  me(@CurrentUser() user: SessionUser): UserResponseDto {
    return { user: toUserDto(user) };
  }

  @Patch('me')
  @Access('signed-in')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  async updateMe(@CurrentUser() user: SessionUser, @Body() dto: UpdateProfileDto): Promise<UserResponseDto> {
    return { user: toUserDto(await this.auth.updateProfile(user.id, dto)) };
  }
}
