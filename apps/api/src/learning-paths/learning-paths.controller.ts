import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, OptionalUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import {
  CreateLearningPathDto,
  LearningPathCoursesInputDto,
  LearningPathQueryDto,
  UpdateLearningPathDto,
} from './dto/learning-path-input.dto.js';
import { LearningPathDto, LearningPathListDto, MyLearningPathListDto } from './dto/learning-path.dto.js';
import { LearningPathsService } from './learning-paths.service.js';

@ApiTags('learning-paths')
@Controller()
export class LearningPathsController {
  constructor(private readonly paths: LearningPathsService) {}

  @Get('learning-paths')
  @Access('public')
  @ApiOkResponse({ type: LearningPathListDto, description: 'Published paths, newest first' })
  catalog(@Query() query: LearningPathQueryDto): Promise<LearningPathListDto> {
    return this.paths.catalog(query);
  }

  @Get('learning-paths/mine')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: LearningPathListDto, description: 'Paths the caller may edit (an admin: all), any status' })
  async editable(@CurrentUser() user: SessionUser): Promise<LearningPathListDto> {
    const items = await this.paths.editable(user);
    return { items, total: items.length };
  }

  @Get('me/learning-paths')
  @Access('learner')
  @ApiOkResponse({ type: MyLearningPathListDto, description: 'Paths the caller started (enrolled in one of their courses) or completed' })
  async mine(@CurrentUser() user: SessionUser): Promise<MyLearningPathListDto> {
    const items = await this.paths.mine(user);
    return { items, total: items.length };
  }

  @Post('learning-paths')
  @Access('trainer', 'admin')
  @ApiCreatedResponse({ type: LearningPathDto, description: 'A draft, owned by the caller' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Slug already used' })
  create(@CurrentUser() user: SessionUser, @Body() dto: CreateLearningPathDto): Promise<LearningPathDto> {
    return this.paths.create(user, dto);
  }

  @Get('learning-paths/:idOrSlug')
  @Access('public')
  @ApiOkResponse({ type: LearningPathDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such path, or a draft the caller may not edit' })
  detail(@OptionalUser() user: SessionUser | undefined, @Param('idOrSlug') idOrSlug: string): Promise<LearningPathDto> {
    return this.paths.detail(user, idOrSlug);
  }

  @Patch('learning-paths/:id')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: LearningPathDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not the owner (nor an admin)' })
  update(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateLearningPathDto,
  ): Promise<LearningPathDto> {
    return this.paths.update(user, id, dto);
  }

  @Put('learning-paths/:id/courses')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: LearningPathDto, description: 'The path with its courses in the new order' })
  @ApiNotFoundResponse({ type: ErrorDto })
  setCourses(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: LearningPathCoursesInputDto,
  ): Promise<LearningPathDto> {
    return this.paths.setCourses(user, id, dto.courseIds);
  }

  @Post('learning-paths/:id/publish')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: LearningPathDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The path has no course' })
  publish(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<LearningPathDto> {
    return this.paths.publish(user, id);
  }

  @Post('learning-paths/:id/unpublish')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: LearningPathDto })
  unpublish(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<LearningPathDto> {
    return this.paths.unpublish(user, id);
  }

  @Delete('learning-paths/:id')
  @HttpCode(204)
  @Access('trainer', 'admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Certificates were issued for it' })
  remove(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<void> {
    return this.paths.remove(user, id);
  }
}
