import { Controller, Get, Param } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CheckInService } from './check-in.service.js';
import { CheckInCodeDto } from './dto/check-in.dto.js';

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
}
