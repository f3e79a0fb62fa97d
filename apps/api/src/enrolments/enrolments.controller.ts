import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { HttpResponse } from '../common/http.js';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { csvText } from '../common/csv.js';
import { ErrorDto } from '../common/error.dto.js';
import { ExportRoute } from '../common/export-request.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { BulkEnrolmentReportDto, EnrolmentResponseDto, LearnerListDto, LearnerQueryDto, MyEnrolmentListDto } from './dto/enrolment.dto.js';
import { EnrolmentsService } from './enrolments.service.js';

@ApiTags('enrolments')
@Controller()
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Post('courses/:id/enrolments')
  @Access('learner')
  @ApiCreatedResponse({
    type: EnrolmentResponseDto,
    description: 'Enrolled (open course) or requested (approval course); 200 when already enrolled',
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'By invitation only' })
  async enrol(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<EnrolmentResponseDto> {
    const { enrolment, created } = await this.enrolments.enrolSelf(user, id);
    response.status(created ? 201 : 200);
    return { enrolment };
  }

  @Post('courses/:id/enrolments/bulk')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'email\nofficial@example.org\n' } })
  @ApiOkResponse({ type: BulkEnrolmentReportDto })
  bulk(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() csv: unknown): Promise<BulkEnrolmentReportDto> {
    return this.enrolments.bulk(user, id, csv);
  }

  @Get('courses/:id/enrolments')
  @Access('trainer', 'admin')
  @ExportRoute()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: LearnerListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async learners(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: LearnerQueryDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<LearnerListDto | string> {
    if (query.format !== 'csv') {
      const items = await this.enrolments.learners(user, id);
      return { items, total: items.length };
    }
    const items = await this.enrolments.learnersExport(user, id);
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header('Content-Disposition', `attachment; filename="learners-${id}.csv"`);
    const header = [
      'Full name',
      'Email',
      'Member State',
      'Institution',
      'Status',
      'Progress %',
      'Enrolled',
      'Last activity',
      'Completed',
      'Final score',
      'Certificate',
    ];
    const rows = items.map((l) => [
      l.fullName,
      l.email,
      l.memberState,
      l.institution,
      l.status,
      l.progress,
      l.enrolledAt,
      l.lastActivityAt ?? '',
      l.completedAt ?? '',
      l.finalScore ?? '',
      l.certificate?.serial ?? '',
    ]);
    return csvText([header, ...rows]);
  }

  @Post('enrolments/:id/approve')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: EnrolmentResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async approve(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<EnrolmentResponseDto> {
    return { enrolment: await this.enrolments.decide(user, id, 'approve') };
  }

  @Post('enrolments/:id/reject')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: EnrolmentResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async reject(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<EnrolmentResponseDto> {
    return { enrolment: await this.enrolments.decide(user, id, 'reject') };
  }

  @Get('me/enrolments')
  @Access('learner')
  @ApiOkResponse({ type: MyEnrolmentListDto })
  async mine(@CurrentUser() user: SessionUser): Promise<MyEnrolmentListDto> {
    const items = await this.enrolments.mine(user);
    return { items, total: items.length };
  }
}
