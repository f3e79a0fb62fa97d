import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ActivitiesService } from './activities.service.js';
import { AttendanceService } from './attendance.service.js';
import { ActivityQueryDto, CreateActivityDto, UpdateActivityDto } from './dto/activity-input.dto.js';
import { ActivityDto, ActivityListDto, OrganiserCandidateListDto } from './dto/activity.dto.js';
import {
  ActivityParticipantDto,
  ActivityParticipantListDto,
  AddParticipantsDto,
  AddParticipantsResultDto,
  AttendanceResultDto,
  CandidateQueryDto,
  ParticipantCandidateListDto,
  ParticipantListQueryDto,
  RecordAttendanceDto,
  UpdateParticipantDto,
} from './dto/participant.dto.js';
import { ParticipantsService } from './participants.service.js';

/**
 * Training activities. Trainers manage those they organise or co-organise, admins all; focal
 * points read those held in or serving their State. An activity the caller may not read answers
 * 404 (every role may ask, so a learner learns nothing either).
 */
@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly participants: ParticipantsService,
    private readonly attendance: AttendanceService,
  ) {}

  @Get()
  @Access('trainer', 'focal_point', 'admin')
  @ApiOkResponse({ type: ActivityListDto })
  list(@CurrentUser() user: SessionUser, @Query() query: ActivityQueryDto): Promise<ActivityListDto> {
    return this.activities.list(user, query);
  }

  @Post()
  @Access('trainer', 'admin')
  @ApiCreatedResponse({ type: ActivityDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  create(@CurrentUser() user: SessionUser, @Body() dto: CreateActivityDto): Promise<ActivityDto> {
    return this.activities.create(user, dto);
  }

  @Get('organiser-candidates')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: OrganiserCandidateListDto, description: 'Active trainers matching q, at most 20' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'q missing or shorter than two characters' })
  organiserCandidates(@Query() query: CandidateQueryDto): Promise<OrganiserCandidateListDto> {
    return this.activities.organiserCandidates(query.q);
  }

  @Get(':id')
  @Access('learner', 'trainer', 'focal_point', 'admin')
  @ApiOkResponse({ type: ActivityDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  view(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<ActivityDto> {
    return this.activities.view(user, id);
  }

  @Patch(':id')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: ActivityDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_closed' })
  update(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: UpdateActivityDto): Promise<ActivityDto> {
    return this.activities.update(user, id, dto);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: ActivityDto, description: 'planned → held' })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_closed' })
  hold(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<ActivityDto> {
    return this.activities.hold(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: ActivityDto, description: 'held → closed' })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_not_held' })
  close(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<ActivityDto> {
    return this.activities.close(user, id);
  }

  @Get(':id/participants')
  @Access('learner', 'trainer', 'focal_point', 'admin')
  @ApiOkResponse({ type: ActivityParticipantListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  listParticipants(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: ParticipantListQueryDto,
  ): Promise<ActivityParticipantListDto> {
    return this.participants.list(user, id, query);
  }

  @Post(':id/participants')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: AddParticipantsResultDto, description: 'One outcome per item, in order' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_full, activity_closed' })
  async addParticipants(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: AddParticipantsDto,
  ): Promise<AddParticipantsResultDto> {
    return { items: await this.participants.addFromRequest(user, id, dto) };
  }

  @Get(':id/participant-candidates')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: ParticipantCandidateListDto, description: 'Active officials matching q, at most 20' })
  @ApiNotFoundResponse({ type: ErrorDto })
  candidates(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Query() query: CandidateQueryDto,
  ): Promise<ParticipantCandidateListDto> {
    return this.participants.candidates(user, id, query.q);
  }

  @Patch(':id/participants/:activityParticipantId')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: ActivityParticipantDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_full, activity_closed' })
  setRole(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Param('activityParticipantId', ParseId('activityParticipantId')) activityParticipantId: string,
    @Body() dto: UpdateParticipantDto,
  ): Promise<ActivityParticipantDto> {
    return this.participants.setRole(user, id, activityParticipantId, dto.role);
  }

  @Delete(':id/participants/:activityParticipantId')
  @HttpCode(204)
  @Access('trainer', 'admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_closed' })
  removeParticipant(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Param('activityParticipantId', ParseId('activityParticipantId')) activityParticipantId: string,
  ): Promise<void> {
    return this.participants.remove(user, id, activityParticipantId);
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: AttendanceResultDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'date outside the activity’s days' })
  @ApiConflictResponse({ type: ErrorDto, description: 'activity_closed' })
  recordAttendance(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: RecordAttendanceDto,
  ): Promise<AttendanceResultDto> {
    return this.attendance.recordOne(user, id, dto);
  }
}
