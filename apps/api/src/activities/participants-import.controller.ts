import { Controller, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileStreamInterceptor, type MultipartFileStream } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ATTENDANCE_LIST_MAX_BYTES, ATTENDANCE_LIST_MAX_ROWS } from './attendance-list.js';
import { ImportQueryDto, ParticipantsImportReportDto } from './dto/activities-import.dto.js';
import { ParticipantsImportService } from './participants-import.service.js';

@ApiTags('activities')
@Controller('activities')
export class ParticipantsImportController {
  constructor(private readonly imports: ParticipantsImportService) {}

  @Post(':id/participants/import')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @UseInterceptors(FileStreamInterceptor('file', { limits: { fileSize: ATTENDANCE_LIST_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      `An attendance list, CSV or XLSX, at most ${ATTENDANCE_LIST_MAX_ROWS} rows and ${ATTENDANCE_LIST_MAX_BYTES / 1024 / 1024} MB, ` +
      'with the header fullName,email,memberState,institution,agencyType,gender,role (also "Name", "Full name", "E-mail", ' +
      '"Country", "Member State", "Sex", and the same in the six languages; see activities/attendance-list.ts). ' +
      'Member States by ISO code or by name in any of the six languages. An optional column attended ("all", day numbers ' +
      'or dates) marks those days present.',
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({
    type: ParticipantsImportReportDto,
    description: 'Invalid rows are skipped and reported; with dryRun nothing is written',
  })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A malformed file (fields.file): nothing is written' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_closed, activity_full' })
  import(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: MultipartFileStream | undefined,
  ): Promise<ParticipantsImportReportDto> {
    return this.imports.importUpload(user, id, file, query.dryRun ?? false);
  }
}
