import { createHash } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import { planRange } from '../common/byte-ranges.js';
import { ErrorDto } from '../common/error.dto.js';
import type { HttpHeadersRequest, HttpResponse, HttpSendResponse } from '../common/http.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { UploadStore } from '../common/upload-store.js';
import { LessonDto } from '../courses/dto/course.dto.js';
import { VideoStreamQueryDto } from '../courses/dto/lesson-input.dto.js';
import { AttemptDto, AttemptResultDto, CompletionResponseDto, QuizPreviewResultDto } from './dto/attempt.dto.js';
import { ItemAnalysisDto } from './dto/item-analysis.dto.js';
import { LearningService } from './learning.service.js';
import { IDEMPOTENCY_HEADER, idempotentRequest, type Idempotent } from './idempotency.js';

const KEY_HEADER = IDEMPOTENCY_HEADER.toLowerCase();

/**
 * The write may carry an Idempotency-Key: sent again with the same key, it answers what it first
 * answered (with `Idempotent-Replayed: true`) and writes nothing.
 */
function Replayable(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: '8–200 characters [A-Za-z0-9_-:.], unique per write and user; kept 7 days. A replay answers the first result.',
    })(target, key, descriptor);
    ApiBadRequestResponse({ type: ErrorDto, description: 'A malformed Idempotency-Key' })(target, key, descriptor);
    ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'idempotency_key_reused: the key was sent with another request' })(
      target,
      key,
      descriptor,
    );
  };
}

function answer<T>(response: HttpResponse, { body, replayed }: Idempotent<T>): T {
  if (replayed) response.header('Idempotent-Replayed', 'true');
  return body;
}

/**
 * A lesson as its enrolled learners (and its trainers) use it: read, download its file, complete
 * it, attempt its quiz. Authoring routes on the same paths are courses/'s LessonsController; the
 * shared class name keeps the OpenAPI operation ids (`Lessons_read`, …) what they were.
 */
@ApiTags('lessons')
@Controller('lessons')
export class LessonsController {
  constructor(
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
    // Opened before answering, so a file missing from the disk is a 404 and not a broken download.
    const content = await this.uploads.read(file.storedName);
    if (!content) throw new NotFoundError('file');
    response.header('Cache-Control', 'private, no-store');
    return new StreamableFile(content.stream, {
      type: file.contentType,
      length: content.size,
      disposition: `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
  }

  @Get(':id/video')
  @Access('learner', 'trainer', 'admin')
  @ApiProduces('video/mp4', 'video/webm', 'audio/mp4', 'audio/mpeg', 'audio/ogg', 'audio/webm')
  @ApiHeader({
    name: 'Range',
    required: false,
    description: 'One range of bytes (bytes=0-, bytes=500-999, bytes=-100); several: the whole file',
  })
  @ApiOkResponse({ description: 'The whole file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 206, description: 'The range asked for, with Content-Range', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 304, description: 'If-None-Match or If-Modified-Since: the copy the caller has is current' })
  @ApiResponse({ status: 416, type: ErrorDto, description: 'No byte of the range is in the file; Content-Range: bytes */size' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'An unknown rendition' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not enrolled, not a trainer of the course, or no such rendition' })
  async video(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: VideoStreamQueryDto,
    @Req() request: HttpHeadersRequest,
    @Res() response: HttpSendResponse,
  ): Promise<void> {
    const file = await this.learning.videoFile(user, id, query.rendition ?? 'standard');
    const content = await this.uploads.openRanged(file.storedName);
    if (!content) throw new NotFoundError('file');
    // A stored file never changes (a replacement gets a new name): its name makes a strong ETag, without revealing it.
    const etag = `"${createHash('sha256').update(file.storedName).digest('base64url').slice(0, 27)}"`;
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    };
    const plan = planRange(
      {
        range: header('range'),
        ifRange: header('if-range'),
        ifNoneMatch: header('if-none-match'),
        ifModifiedSince: header('if-modified-since'),
      },
      { size: content.size, etag, lastModified: content.modifiedAt },
    );
    response.header('Accept-Ranges', 'bytes');
    response.header('ETag', etag);
    response.header('Last-Modified', content.modifiedAt.toUTCString());
    // Private: behind a sign-in. A few minutes without asking again spare a slow link a round trip
    // per seek; a replaced rendition shows after them (its ETag changes with it).
    response.header('Cache-Control', 'private, max-age=300');
    if (plan.status === 304 || plan.status === 416) {
      await content.close();
      if (plan.status === 416) {
        response.header('Content-Range', `bytes */${content.size}`);
        throw new AppError('range_not_satisfiable');
      }
      response.status(304);
      response.send();
      return;
    }
    response.status(plan.status);
    response.header('Content-Type', file.contentType);
    response.header('Content-Length', String(plan.end - plan.start + 1));
    response.header('Content-Disposition', 'inline');
    if (plan.status === 206) response.header('Content-Range', `bytes ${plan.start}-${plan.end}/${content.size}`);
    response.send(content.stream(plan.start, plan.end));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Access('learner')
  @ApiOkResponse({ type: CompletionResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'A quiz is completed by passing it' })
  @Replayable()
  async complete(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Headers(KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CompletionResponseDto> {
    const idempotency = idempotentRequest(key, { userId: user.id, route: 'POST /api/lessons/:id/complete', lessonId: id });
    return answer(response, await this.learning.complete(user, id, idempotency));
  }

  @Post(':id/attempts')
  @HttpCode(200)
  @Access('learner')
  @ApiOkResponse({ type: AttemptResultDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already passed, or no attempts left' })
  @Replayable()
  async attempt(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: AttemptDto,
    @Headers(KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AttemptResultDto> {
    const idempotency = idempotentRequest(key, { userId: user.id, route: 'POST /api/lessons/:id/attempts', lessonId: id, body: dto });
    return answer(response, await this.learning.attempt(user, id, dto, idempotency));
  }

  @Post(':id/attempts/start')
  @HttpCode(200)
  @Access('learner')
  @ApiOkResponse({
    type: LessonDto,
    description: 'The lesson with the attempt in progress: drawn now (a timed quiz: the clock starts), or as it was when already started',
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Not a quiz, already passed, or no attempts left' })
  @Replayable()
  async start(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Headers(KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<LessonDto> {
    const idempotency = idempotentRequest(key, { userId: user.id, route: 'POST /api/lessons/:id/attempts/start', lessonId: id });
    return answer(response, await this.learning.start(user, id, idempotency));
  }

  @Get(':id/item-analysis')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: ItemAnalysisDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not a trainer of the course' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The lesson is not a quiz' })
  itemAnalysis(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<ItemAnalysisDto> {
    return this.learning.itemAnalysis(user, id);
  }

  @Post(':id/attempts/preview')
  @HttpCode(200)
  // Learners may call it, to get the same 404 as for a lesson that does not exist: not a 403 that
  // tells them the route is there for someone else.
  @Access('learner', 'trainer', 'admin')
  @ApiOkResponse({ type: QuizPreviewResultDto, description: 'Graded as an attempt; nothing is recorded' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not a trainer of the course (learners included)' })
  @ApiConflictResponse({ type: ErrorDto, description: 'The lesson is not a quiz' })
  previewAttempt(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: AttemptDto,
  ): Promise<QuizPreviewResultDto> {
    return this.learning.previewAttempt(user, id, dto);
  }
}
