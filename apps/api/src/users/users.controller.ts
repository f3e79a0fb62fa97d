import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ParseId } from '../common/parse-id.pipe.js';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserQueryDto } from './dto/user-query.dto.js';
import { toUserDto, UserListDto, UserResponseDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access('admin')
  @ApiOkResponse({ type: UserListDto })
  async list(@Query() query: UserQueryDto): Promise<UserListDto> {
    const { items, total } = await this.users.list(query);
    return { items: items.map(toUserDto), total };
  }

  @Patch(':id')
  @Access('admin')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async update(
    @CurrentUser() actor: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return { user: toUserDto(await this.users.update(actor, id, dto)) };
  }
}
