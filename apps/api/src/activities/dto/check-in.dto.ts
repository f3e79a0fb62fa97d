import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsDay } from './activity-input.dto.js';
import { Omittable } from '../../common/optional.js';

export class CheckInCodeQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description:
      "The venue's date by the screen's clock, recorded for whoever scans the code: the UTC date or the day either side " +
      '(fields.day check_in_day_out_of_range otherwise), and one of the activity’s days. Without it, the UTC date.',
  })
  @Omittable()
  @IsDay()
  day?: string;
}

/** The code an organiser's screen shows as a QR code; it changes every 30 seconds. */
export class CheckInCodeDto {
  @ApiProperty({ example: 'Ww6NPB96TFWdLjpLXG1-jw.1kq2f3x.g2e.q1Zk2Yx9bW1c' }) code: string;
  @ApiProperty({ format: 'date-time', description: 'When the next code replaces this one (it is still accepted for 30 s more)' })
  expiresAt: string;
  @ApiProperty({ format: 'date', description: 'The day a check-in with this code records: the venue’s date the screen gave' })
  day: string;
  @ApiProperty({ description: "PUBLIC_URL/check-in?code=<code>: the QR code's target" }) url: string;
}

/** A scanned code, or the pass that stands for one scanned before signing in: exactly one of them. */
export class CheckInDto {
  @ApiPropertyOptional({ description: 'The code read from the QR code; required without pass', maxLength: 100 })
  @ValidateIf((dto: CheckInDto) => dto.pass === undefined || dto.code !== undefined)
  @IsString()
  @MaxLength(100)
  code?: string;

  @ApiPropertyOptional({ description: 'A pass from POST /api/activities/check-in/pass, instead of the code', maxLength: 100 })
  @ValidateIf((dto: CheckInDto) => dto.pass !== undefined)
  @IsString()
  @MaxLength(100)
  pass?: string;
}

export class CheckInPassRequestDto {
  @ApiProperty({ description: 'The code read from the QR code', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  code: string;
}

/** Proof that a code was scanned in time, for someone who must sign in or register first. */
export class CheckInPassDto {
  @ApiProperty({
    description: 'Send it as `pass` to POST /api/activities/check-in once signed in',
    example: 'Ww6NPB96TFWdLjpLXG1-jw.g2e.tfx3kq.q1Zk2Yx9bW1c',
  })
  pass: string;
  @ApiProperty({ format: 'date-time', description: '30 minutes after the scan' }) expiresAt: string;
}

/** What a participant is told about the activity they checked in to. */
export class CheckInActivityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
}

export class CheckInResultDto {
  @ApiProperty({ type: CheckInActivityDto }) activity: CheckInActivityDto;
  @ApiProperty({ format: 'date', description: 'The day recorded: the venue’s date signed into the code by the organiser’s screen' })
  day: string;
  @ApiProperty({ enum: [true] }) present: true;
}
