import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CheckInService } from './check-in.service.js';
import { CheckInCodeDto, CheckInDto, CheckInResultDto } from './dto/check-in.dto.js';

/** Self check-in: the organiser's screen shows a rotating code, participants scan it. */
@ApiTags('activities')
@Controller('activities')
export class CheckInController {
  constructor(private readonly checkIn: CheckInService) {}

  @Get(':id/check-in-code')
  @Access('trainer', 'admin')
  @ApiOperation({
    summary: 'The current check-in code',
    description: 'Changes every 30 seconds; only on the days of the activity, until it is closed.',
  })
  @ApiOkResponse({ type: CheckInCodeDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such activity, or the caller does not organise it' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Today is not a day of the activity, or it is closed' })
  code(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<CheckInCodeDto> {
    return this.checkIn.code(user, id);
  }

  // Any signed-in account, pending ones too: someone who registers at the door is recorded now and
  // counted once vetted.
  @Post('check-in')
  @HttpCode(200)
  @Access('signed-in')
  @ApiOperation({
    summary: 'Check in with a scanned code',
    description: 'Marks the caller present today (UTC day) in the activity the code names.',
  })
  @ApiOkResponse({ type: CheckInResultDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'fields.code: check_in_code_invalid or check_in_code_expired' })
  @ApiConflictResponse({ type: ErrorDto, description: 'check_in_closed (not a day of the activity, or closed), activity_full' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many wrong codes from this account' })
  checkInWithCode(@CurrentUser() user: SessionUser, @Body() dto: CheckInDto): Promise<CheckInResultDto> {
    return this.checkIn.checkIn(user, dto.code);
  }
}
