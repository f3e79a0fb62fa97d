import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { EvaluationDto, EvaluationInputDto, EvaluationResponseInputDto, EvaluationResultsDto } from './dto/evaluation.dto.js';
import { EvaluationsService } from './evaluations.service.js';

/**
 * A course's evaluation questionnaire. Learners may call the trainers' routes, to get the same 404
 * as for a course that does not exist rather than a 403 that tells the route is there.
 */
@ApiTags('evaluations')
@Controller('courses/:id/evaluation')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get()
  @Access('learner', 'trainer', 'admin')
  @ApiOkResponse({ type: EvaluationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Neither a trainer of the course nor enrolled in it' })
  read(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<EvaluationDto> {
    return this.evaluations.evaluation(user, id);
  }

  @Put()
  @Access('learner', 'trainer', 'admin')
  @ApiOkResponse({ type: EvaluationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not a trainer of the course (learners included)' })
  update(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: EvaluationInputDto): Promise<EvaluationDto> {
    return this.evaluations.updateItems(user, id, dto);
  }

  @Post('responses')
  @HttpCode(204)
  @Access('learner')
  @ApiNoContentResponse({ description: 'Recorded, anonymously' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not enrolled in the course' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already answered, or the end of the course is not reached' })
  async respond(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: EvaluationResponseInputDto,
  ): Promise<void> {
    await this.evaluations.respond(user, id, dto);
  }

  @Get('results')
  @Access('learner', 'trainer', 'admin')
  @ApiOkResponse({ type: EvaluationResultsDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not a trainer of the course (learners included)' })
  results(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<EvaluationResultsDto> {
    return this.evaluations.results(user, id);
  }
}
