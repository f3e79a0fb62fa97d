import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileStreamInterceptor, type MultipartFileStream } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, OptionalUser, type SessionUser } from '../access/access.decorator.js';
import { NotFoundError } from '../common/app-error.js';
import { ErrorDto } from '../common/error.dto.js';
import type { HttpResponse } from '../common/http.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { UploadStore } from '../common/upload-store.js';
import { CourseContentService } from './course-content.service.js';
import { COVER_MAX_MEGAPIXELS, COVER_UPLOADS, COVER_WIDTHS } from './course-cover.js';
import { CourseCoverService } from './course-cover.service.js';
import { toModuleDto } from './course-dto.js';
import { CourseTrainersService } from './course-trainers.service.js';
import { CourseVersionsService } from './course-versions.service.js';
import { CoursesService } from './courses.service.js';
import { AddTrainerDto, CourseTrainerListDto } from './dto/trainer.dto.js';
import { CourseQueryDto, CreateCourseDto, CreateVersionDto, ModuleInputDto, UpdateCourseDto } from './dto/course-input.dto.js';
import { CourseDto, CourseListDto, CourseVersionListDto, OutlineModuleDto, QuestionBankDto } from './dto/course.dto.js';
import { QuestionBankQueryDto } from './dto/lesson-input.dto.js';

@ApiTags('courses')
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly content: CourseContentService,
    private readonly trainers: CourseTrainersService,
    private readonly covers: CourseCoverService,
    private readonly uploads: UploadStore,
    private readonly versions: CourseVersionsService,
  ) {}

  @Get()
  @Access('public')
  @ApiOkResponse({ type: CourseListDto, description: 'One card per family of language versions; `total` counts families' })
  catalog(
    @OptionalUser() user: SessionUser | undefined,
    @Query() query: CourseQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CourseListDto> {
    // Without ?lang= nor a session, the browser's languages choose each family's version: a cache must key on them.
    response.header('Vary', 'Accept-Language');
    return this.courses.catalog(user, query, acceptLanguage);
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

  @Get(':id/versions')
  @Access('public')
  @ApiOkResponse({
    type: CourseVersionListDto,
    description: "The family's language versions, in language order: all of them for the course's editors, the published ones for others",
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  async listVersions(@OptionalUser() user: SessionUser | undefined, @Param('id', ParseId()) id: string): Promise<CourseVersionListDto> {
    const items = await this.versions.list(user, id);
    return { items, total: items.length };
  }

  @Post(':id/versions')
  @Access('trainer', 'admin')
  @ApiCreatedResponse({
    type: CourseDto,
    description: 'A draft version in that language, copied from this course (content and files), owned by the caller, in_progress',
  })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not an editor of the course' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The family has a version in that language (course_version_exists)' })
  async createVersion(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: CreateVersionDto,
  ): Promise<CourseDto> {
    return this.courses.outline(user, await this.versions.create(user, id, dto.language));
  }

  @Put(':id/cover')
  @Access('trainer', 'admin')
  // Streamed to disk as it arrives, only for a course the caller may edit (CourseCoverService.upload).
  @UseInterceptors(FileStreamInterceptor('file', { limits: { fileSize: COVER_UPLOADS.maxBytes, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: `One image: ${COVER_UPLOADS.extensions.join(', ')}, at most ${COVER_UPLOADS.maxBytes / 1024 / 1024} MB and ${COVER_MAX_MEGAPIXELS} million pixels. Kept as WebP renditions ${COVER_WIDTHS.join(' and ')} px wide, cut to 16:9, without metadata.`,
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: CourseDto, description: 'The course with its new cover' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async uploadCover(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @UploadedFile() file: MultipartFileStream | undefined,
  ): Promise<CourseDto> {
    await this.covers.upload(user, id, file);
    return this.courses.outline(user, id);
  }

  @Delete(':id/cover')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: CourseDto, description: 'The course without a cover' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async removeCover(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CourseDto> {
    await this.covers.remove(user, id);
    return this.courses.outline(user, id);
  }

  @Get(':id/cover/:file')
  @Access('public')
  @ApiProduces('image/webp')
  @ApiOkResponse({
    description: `A rendition of the cover (\`${COVER_WIDTHS.map((width) => `${width}.webp`).join('`, `')}\`), for whoever may see the course. Kept for good by caches when asked with the current \`?v=\` (the course's cover URLs carry it); revalidated by ETag otherwise.`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such course for the caller, no cover, or no such rendition' })
  async cover(
    @OptionalUser() user: SessionUser | undefined,
    @Param('id', ParseId()) id: string,
    @Param('file') fileName: string,
    @Query('v') version: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile | undefined> {
    const cover = await this.covers.locate(user, id, fileName);
    const etag = `"${cover.version}-${fileName}"`;
    // A draft's or an audience-restricted course's cover is for the caller's browser only.
    const scope = cover.public ? 'public' : 'private';
    response.header('ETag', etag);
    response.header('X-Content-Type-Options', 'nosniff');
    response.header('Cache-Control', version === cover.version ? `${scope}, max-age=31536000, immutable` : `${scope}, no-cache`);
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      response.status(304);
      return undefined;
    }
    const content = await this.uploads.read(cover.storedName);
    if (!content) throw new NotFoundError('cover');
    return new StreamableFile(content.stream, { type: 'image/webp', length: content.size });
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

  @Get(':id/questions')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: QuestionBankDto, description: "The course's question bank: every question of its quizzes, as authored" })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not a trainer of the course' })
  questionBank(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: QuestionBankQueryDto,
  ): Promise<QuestionBankDto> {
    return this.content.questionBank(user, id, query);
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
