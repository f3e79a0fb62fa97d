import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileStreamInterceptor, type MultipartFileStream } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ALLOWED_UPLOAD_EXTENSIONS, AUDIO_UPLOADS, MAX_UPLOAD_BYTES, VIDEO_UPLOADS } from '../common/upload-store.js';
import { CourseContentService } from './course-content.service.js';
import { LessonDto } from './dto/course.dto.js';
import { UpdateLessonDto, VideoRenditionQueryDto } from './dto/lesson-input.dto.js';
import { toAuthorLessonDto } from './lesson-dto.js';

/**
 * Authoring a lesson: its trainers change, delete and attach a file to it. What learners do with a
 * lesson (read it, download its file, complete it, attempt its quiz) is learning/'s LessonsController,
 * on the same paths; both share the class name, which the OpenAPI operation ids are made of.
 */
@ApiTags('lessons')
@Controller('lessons')
export class LessonsController {
  constructor(private readonly content: CourseContentService) {}

  @Patch(':id')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: LessonDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async update(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: UpdateLessonDto): Promise<LessonDto> {
    return toAuthorLessonDto(await this.content.updateLesson(user, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('trainer', 'admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  remove(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<void> {
    return this.content.deleteLesson(user, id);
  }

  @Post(':id/resource')
  @HttpCode(200)
  @Access('trainer', 'admin')
  // The file reaches the handler as a stream, written to disk as it arrives (never buffered), and
  // only once the lesson is known to be the caller's: see CourseContentService.attachResource.
  @UseInterceptors(FileStreamInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: `At most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; ${ALLOWED_UPLOAD_EXTENSIONS.join(', ')}`,
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: LessonDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async attach(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @UploadedFile() file: MultipartFileStream | undefined,
  ): Promise<LessonDto> {
    return toAuthorLessonDto(await this.content.attachResource(user, id, file));
  }

  @Post(':id/video')
  @HttpCode(200)
  @Access('trainer', 'admin')
  // Streamed to disk like a resource's file; the interceptor stops at the largest rendition's limit,
  // the store at the rendition's own.
  @UseInterceptors(FileStreamInterceptor('file', { limits: { fileSize: VIDEO_UPLOADS.maxBytes, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      `standard and low: at most ${VIDEO_UPLOADS.maxBytes / 1024 / 1024} MB, ${VIDEO_UPLOADS.extensions.join(', ')}; ` +
      `audio: at most ${AUDIO_UPLOADS.maxBytes / 1024 / 1024} MB, ${AUDIO_UPLOADS.extensions.join(', ')}. Replaces the rendition's file.`,
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: LessonDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'No file, a file of another type, too large, or an unknown rendition' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Not a video lesson' })
  async attachVideo(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: VideoRenditionQueryDto,
    @UploadedFile() file: MultipartFileStream | undefined,
  ): Promise<LessonDto> {
    return toAuthorLessonDto(await this.content.attachVideo(user, id, query.rendition, file));
  }

  @Delete(':id/video')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: LessonDto, description: 'The lesson without that rendition (already without it: unchanged)' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async removeVideo(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: VideoRenditionQueryDto,
  ): Promise<LessonDto> {
    return toAuthorLessonDto(await this.content.removeVideo(user, id, query.rendition));
  }
}
