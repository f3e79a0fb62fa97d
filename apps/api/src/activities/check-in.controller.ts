import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
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
import type { HttpRequest } from '../common/http.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CheckInService } from './check-in.service.js';
import {
  CheckInCodeDto,
  CheckInCodeQueryDto,
  CheckInDto,
  CheckInPassDto,
  CheckInPassRequestDto,
  CheckInResultDto,
} from './dto/check-in.dto.js';

/** Self check-in: the organiser's screen shows a rotating code, participants scan it. */
@ApiTags('activities')
@Controller('activities')
export class CheckInController {
  constructor(private readonly checkIn: CheckInService) {}

  @Get(':id/check-in-code')
  @Access('trainer', 'admin')
  @ApiOperation({
    summary: 'The current check-in code',
    description:
      'Changes every 30 seconds; only on the days of the activity, until it is closed. The screen passes its local date as ' +
      '`day`: the code carries it, signed, and check-ins with it record that day (the venue’s, not UTC’s).',
  })
  @ApiOkResponse({ type: CheckInCodeDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'fields.day: check_in_day_out_of_range (not within a day of the UTC date)' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such activity, or the caller does not organise it' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Today is not a day of the activity, or it is closed' })
  code(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Query() query: CheckInCodeQueryDto): Promise<CheckInCodeDto> {
    return this.checkIn.code(user, id, query.day);
  }

  // Public: the person who scanned the code has no account yet, or is not signed in on this phone.
  // The pass proves the scan was in time, so signing in or registering may take minutes; it is
  // stateless (HMAC), kept by the page, and redeemed through POST /activities/check-in.
  @Post('check-in/pass')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary: 'A pass for a code scanned before signing in',
    description:
      'Checks the code as check-in does and answers a pass standing for it for 30 minutes: once signed in or registered, ' +
      'send `{ pass }` to POST /api/activities/check-in instead of the code. Records nothing and names no activity.',
  })
  @ApiOkResponse({ type: CheckInPassDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'fields.code: check_in_code_invalid or check_in_code_expired' })
  @ApiConflictResponse({ type: ErrorDto, description: 'check_in_closed (not a day of the activity, or closed)' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many wrong codes from this address' })
  pass(@Body() dto: CheckInPassRequestDto, @Req() request: HttpRequest): Promise<CheckInPassDto> {
    return this.checkIn.pass(dto.code, request.ip ?? 'unknown');
  }

  // Any signed-in account, pending ones too: someone who registers at the door is recorded now and
  // counted once vetted.
  @Post('check-in')
  @HttpCode(200)
  @Access('signed-in')
  @ApiOperation({
    summary: 'Check in with a scanned code, or the pass got for one',
    description:
      'Marks the caller present in the activity the code (or pass) names, on the venue’s day the organiser’s screen signed ' +
      'into the code. Exactly one of `code` and `pass`.',
  })
  @ApiOkResponse({ type: CheckInResultDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'fields.code or fields.pass: check_in_code_invalid or check_in_code_expired; fields.pass unknown_property with a code',
  })
  @ApiConflictResponse({ type: ErrorDto, description: 'check_in_closed (not a day of the activity, or closed), activity_full' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Too many wrong codes or passes from this account' })
  checkInWithCode(@CurrentUser() user: SessionUser, @Body() dto: CheckInDto): Promise<CheckInResultDto> {
    return this.checkIn.checkIn(user, dto);
  }
}
