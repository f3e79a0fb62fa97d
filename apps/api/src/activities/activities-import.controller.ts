import { Controller, Get, HttpCode, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileStreamInterceptor, type MultipartFileStream } from '@nestjs/platform-fastify';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { TOPICS } from '@ctlp/contracts';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import type { HttpResponse } from '../common/http.js';
import { ActivitiesImportService } from './activities-import.service.js';
import { ActivitiesImportReportDto, ImportQueryDto } from './dto/activities-import.dto.js';
import { HISTORICAL_MAX_ACTIVITIES, HISTORICAL_MAX_BYTES, HISTORICAL_MAX_PARTICIPANTS } from './historical-workbook.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('activities')
@Controller('activities/import')
export class ActivitiesImportController {
  constructor(private readonly imports: ActivitiesImportService) {}

  @Post()
  @HttpCode(200)
  @Access('admin')
  @UseInterceptors(FileStreamInterceptor('file', { limits: { fileSize: HISTORICAL_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      `One XLSX workbook (at most ${HISTORICAL_MAX_BYTES / 1024 / 1024} MB) with a sheet "activities" (ref, kind, title, delivery, ` +
      'startsOn, endsOn, venueMemberState, city, memberStates, languages, topics, hours, requiredAttendance, status: held or closed, ' +
      `the default) of at most ${HISTORICAL_MAX_ACTIVITIES} rows and a sheet "participants" (activityRef and an attendance list's ` +
      `columns, with attendedDays: the first N days, or attended: yes or no) of at most ${HISTORICAL_MAX_PARTICIPANTS} rows. ` +
      `Topics are the vocabulary's slugs (${TOPICS.join(', ')}) or their English names; another is a row error (unknown_topic). ` +
      'An activity is known by its ref across imports: importing a ref again updates that activity (fields, status held → closed) ' +
      'and adds the people and days it lacks, never a second activity, person or place. ' +
      'GET /api/activities/import/template gives one to fill in.',
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({
    type: ActivitiesImportReportDto,
    description: 'Row by row per sheet, each added, updated or unchanged; with dryRun nothing is written',
  })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A malformed workbook (fields.file): nothing is written' })
  import(
    @CurrentUser() user: SessionUser,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: MultipartFileStream | undefined,
  ): Promise<ActivitiesImportReportDto> {
    return this.imports.importUpload(user, file, query.dryRun ?? false);
  }

  @Get('template')
  @Access('admin')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'An XLSX workbook with both sheets’ headers and an example row each' })
  async template(@Res({ passthrough: true }) response: HttpResponse): Promise<Buffer> {
    response.header('Content-Type', XLSX);
    response.header('Content-Disposition', 'attachment; filename="activities-import-template.xlsx"');
    return this.imports.template();
  }
}
