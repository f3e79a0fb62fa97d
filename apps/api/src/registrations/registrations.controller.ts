import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { toUserDto, UserListDto, UserResponseDto } from '../users/dto/user.dto.js';
import { RegistrationIdsDto, RegistrationQueryDto, RejectRegistrationDto } from './dto/registration.dto.js';
import { RegistrationsService } from './registrations.service.js';

@ApiTags('registrations')
@Controller('registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get()
  @Access('focal_point', 'admin')
  @ApiOkResponse({ type: UserListDto })
  async list(@CurrentUser() vetter: SessionUser, @Query() query: RegistrationQueryDto): Promise<UserListDto> {
    const { items, total } = await this.registrations.list(vetter, query);
    return { items: items.map(toUserDto), total };
  }

  /** Several registrations approved at once, all or none (the vetting page's "Approve selected"). */
  @Post('approve')
  @HttpCode(200)
  @Access('focal_point', 'admin')
  @ApiOkResponse({ type: UserListDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'One of them is not a registration the caller may decide' })
  @ApiConflictResponse({ type: ErrorDto, description: 'One of them is already decided' })
  async approveMany(@CurrentUser() vetter: SessionUser, @Body() dto: RegistrationIdsDto): Promise<UserListDto> {
    const users = await this.registrations.approveMany(vetter, dto.userIds);
    return { items: users.map(toUserDto), total: users.length };
  }

  /**
   * Takes back decisions made moments ago (VETTING_UNDO_SECONDS, before the applicant enrols):
   * the registrations wait again and their applicants are told nothing. All or none.
   */
  @Post('undo')
  @HttpCode(200)
  @Access('focal_point', 'admin')
  @ApiOkResponse({ type: UserListDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'One of them is not a registration the caller may decide' })
  @ApiConflictResponse({ type: ErrorDto, description: 'One of them is still waiting, or was decided too long ago to undo' })
  async undo(@CurrentUser() vetter: SessionUser, @Body() dto: RegistrationIdsDto): Promise<UserListDto> {
    const users = await this.registrations.undo(vetter, dto.userIds);
    return { items: users.map(toUserDto), total: users.length };
  }

  @Post(':userId/approve')
  @HttpCode(200)
  @Access('focal_point', 'admin')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already decided' })
  async approve(@CurrentUser() vetter: SessionUser, @Param('userId', ParseId('userId')) userId: string): Promise<UserResponseDto> {
    return { user: toUserDto(await this.registrations.decide(vetter, userId, { kind: 'approve' })) };
  }

  @Post(':userId/reject')
  @HttpCode(200)
  @Access('focal_point', 'admin')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already decided' })
  async reject(
    @CurrentUser() vetter: SessionUser,
    @Param('userId', ParseId('userId')) userId: string,
    @Body() dto: RejectRegistrationDto,
  ): Promise<UserResponseDto> {
    return { user: toUserDto(await this.registrations.decide(vetter, userId, { kind: 'reject', reason: dto.reason })) };
  }
}
