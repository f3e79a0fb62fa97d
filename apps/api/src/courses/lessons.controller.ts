import { createReadStream } from 'node:fs';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify';
import type { HttpResponse } from '../common/http.js';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../auth/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ALLOWED_UPLOAD_EXTENSIONS, MAX_UPLOAD_BYTES, UploadStore } from '../common/upload-store.js';
import { CompletionResponseDto } from '../enrolments/dto/enrolment.dto.js';
import { AttemptDto, AttemptResultDto } from '../learning/dto/attempt.dto.js';
import { LearningService } from '../learning/learning.service.js';
import { CourseContentService } from './course-content.service.js';
import { LessonDto } from './dto/course.dto.js';
import { UpdateLessonDto } from './dto/lesson-input.dto.js';
import { toAuthorLessonDto } from './lesson-dto.js';

@ApiTags('lessons')
@Controller('lessons')
export class LessonsController {
  constructor(
    private readonly content: CourseContentService,
    private readonly learning: LearningService,
    private readonly uploads: UploadStore,
  ) {}

  @Get(':id')
  @Access('learner', 'trainer', 'admin')
  @ApiOkResponse({ type: LessonDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not enrolled, or not a trainer of the course' })
  read(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<LessonDto> {
    return this.learning.lesson(user, id);
  }

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
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
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
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
  ): Promise<LessonDto> {
    return toAuthorLessonDto(await this.content.attachResource(user, id, file));
  }

  @Get(':id/resource')
  @Access('learner', 'trainer', 'admin')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, as a download', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not enrolled, not a trainer of the course, or no file' })
  async download(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    const file = await this.learning.resourceFile(user, id);
    response.header('Cache-Control', 'private, no-store');
    return new StreamableFile(createReadStream(this.uploads.path(file.storedName)), {
      type: file.contentType,
      length: file.size,
      disposition: `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Access('learner')
  @ApiOkResponse({ type: CompletionResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'A quiz is completed by passing it' })
  complete(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CompletionResponseDto> {
    return this.learning.complete(user, id);
  }

  @Post(':id/attempts')
  @HttpCode(200)
  @Access('learner')
  @ApiOkResponse({ type: AttemptResultDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already passed, or no attempts left' })
  attempt(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: AttemptDto): Promise<AttemptResultDto> {
    return this.learning.attempt(user, id, dto);
  }
}
