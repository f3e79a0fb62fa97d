import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** The code an organiser's screen shows as a QR code; it changes every 30 seconds. */
export class CheckInCodeDto {
  @ApiProperty({ example: 'Ww6NPB96TFWdLjpLXG1-jw.1kq2f3x.q1Zk2Yx9bW1c' }) code: string;
  @ApiProperty({ format: 'date-time', description: 'When the next code replaces this one (it is still accepted for 30 s more)' })
  expiresAt: string;
  @ApiProperty({ description: "PUBLIC_URL/check-in?code=<code>: the QR code's target" }) url: string;
}

export class CheckInDto {
  @ApiProperty({ description: 'The code read from the QR code', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  code: string;
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
  @ApiProperty({ format: 'date', description: 'The day recorded: the UTC date of the check-in' }) day: string;
  @ApiProperty({ enum: [true] }) present: true;
}
