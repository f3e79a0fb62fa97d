import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { CourseContentService } from './course-content.service.js';
import { toModuleDto } from './course-dto.js';
import { CourseTrainersService } from './course-trainers.service.js';
import { CoursesService } from './courses.service.js';
import { AddTrainerDto, CourseTrainerListDto } from './dto/trainer.dto.js';
import { CourseQueryDto, CreateCourseDto, ModuleInputDto, UpdateCourseDto } from './dto/course-input.dto.js';
import { CourseDto, CourseListDto, OutlineModuleDto } from './dto/course.dto.js';

@ApiTags('courses')
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly content: CourseContentService,
    private readonly trainers: CourseTrainersService,
  ) {}

  @Get()
  @Access('public')
  @ApiOkResponse({ type: CourseListDto })
  catalog(@OptionalUser() user: SessionUser | undefined, @Query() query: CourseQueryDto): Promise<CourseListDto> {
    return this.courses.catalog(user, query);
  }

  @Get('mine')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CourseListDto })
  async mine(@CurrentUser() user: SessionUser): Promise<CourseListDto> {
    const items = await this.courses.mine(user);
    return { items, total: items.length };
  }

  @Post()
  @Access('trainer', 'admin')
  @ApiCreatedResponse({ type: CourseDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Slug already used' })
  create(@CurrentUser() user: SessionUser, @Body() dto: CreateCourseDto): Promise<CourseDto> {
    return this.courses.create(user, dto);
  }

  @Get(':idOrSlug')
  @Access('public')
  @ApiOkResponse({ type: CourseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  outline(@OptionalUser() user: SessionUser | undefined, @Param('idOrSlug') idOrSlug: string): Promise<CourseDto> {
    return this.courses.outline(user, idOrSlug);
  }

  @Patch(':id')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CourseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  update(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: UpdateCourseDto): Promise<CourseDto> {
    return this.courses.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CourseDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The course has no lesson yet' })
  publish(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CourseDto> {
    return this.courses.publish(user, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CourseDto })
  archive(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CourseDto> {
    return this.courses.archive(user, id);
  }

  @Post(':id/modules')
  @Access('trainer', 'admin')
  @ApiCreatedResponse({ type: OutlineModuleDto })
  async addModule(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: ModuleInputDto,
  ): Promise<OutlineModuleDto> {
    return { ...toModuleDto(await this.content.addModule(user, id, dto)), lessons: [] };
  }

  @Get(':id/trainers')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CourseTrainerListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async listTrainers(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CourseTrainerListDto> {
    const items = await this.trainers.list(user, id);
    return { items, total: items.length };
  }

  @Post(':id/trainers')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CourseTrainerListDto, description: 'The trainers after the change' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not the owner of the course' })
  async addTrainer(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: AddTrainerDto,
  ): Promise<CourseTrainerListDto> {
    const items = await this.trainers.add(user, id, dto.email);
    return { items, total: items.length };
  }

  @Delete(':id/trainers/:userId')
  @HttpCode(204)
  @Access('trainer', 'admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  removeTrainer(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Param('userId', ParseId('userId')) userId: string,
  ): Promise<void> {
    return this.trainers.remove(user, id, userId);
  }
}
