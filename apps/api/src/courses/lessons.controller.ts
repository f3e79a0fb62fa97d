import { Body, Controller, Delete, HttpCode, Param, Patch, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileStreamInterceptor, type MultipartFileStream } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ALLOWED_UPLOAD_EXTENSIONS, MAX_UPLOAD_BYTES } from '../common/upload-store.js';
import { CourseContentService } from './course-content.service.js';
import { LessonDto } from './dto/course.dto.js';
import { UpdateLessonDto } from './dto/lesson-input.dto.js';
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
}
