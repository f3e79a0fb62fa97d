import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AGENCY_TYPES, GENDERS, PARTICIPANT_ROLES } from '@ctlp/contracts';
import type { AgencyType, Gender, ParticipantRole } from '@ctlp/contracts';
import { IsAcceptableEmail } from '../../common/emails.js';
import { PersonText } from '../../common/person-text.js';
import { Trim, TrimUpper } from '../../common/transforms.js';
import { IsDay } from './activity-input.dto.js';
import { OffsetField } from '../../common/pagination.dto.js';
import { Omittable } from '../../common/optional.js';

const byAccount = (item: ParticipantItemDto) => item.userId !== undefined;

/**
 * One person to place: either a registered official by `userId` (with `role` only), or a person
 * as a list gives them (`fullName`, `memberState`, and what else is known).
 */
export class ParticipantItemDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An active account; then only role may accompany it' })
  @Omittable()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Required without userId' })
  @ValidateIf((item: ParticipantItemDto) => !byAccount(item))
  @PersonText()
  fullName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Matches the person to an account or an earlier list' })
  @ValidateIf((item: ParticipantItemDto, value) => !byAccount(item) && value !== null && value !== undefined && value !== '')
  @Trim()
  @IsString()
  @MaxLength(320)
  @IsEmail()
  @IsAcceptableEmail()
  email?: string | null;

  @ApiPropertyOptional({ description: 'ISO alpha-3; required without userId', example: 'KEN' })
  @ValidateIf((item: ParticipantItemDto) => !byAccount(item))
  @TrimUpper()
  @IsString()
  @Matches(/^[A-Z]{3}$/)
  memberState?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @ValidateIf((item: ParticipantItemDto, value) => !byAccount(item) && value !== null && value !== undefined)
  @PersonText({ allowEmpty: true })
  institution?: string | null;

  @ApiPropertyOptional({ enum: AGENCY_TYPES, enumName: 'AgencyType', nullable: true })
  @ValidateIf((item: ParticipantItemDto, value) => !byAccount(item) && value !== null && value !== undefined)
  @IsIn(AGENCY_TYPES)
  agencyType?: AgencyType | null;

  @ApiPropertyOptional({ enum: GENDERS, enumName: 'Gender', nullable: true })
  @ValidateIf((item: ParticipantItemDto, value) => !byAccount(item) && value !== null && value !== undefined)
  @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES, enumName: 'ParticipantRole', default: 'participant' })
  @Omittable()
  @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;
}

export class AddParticipantsDto {
  @ApiProperty({ type: [ParticipantItemDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ParticipantItemDto)
  participants: ParticipantItemDto[];
}

export class AddedParticipantDto {
  @ApiProperty({ format: 'uuid', description: 'The person’s place in this activity' }) activityParticipantId: string;
  @ApiProperty({ format: 'uuid', description: 'The person, the same across activities' }) participantId: string;
  @ApiProperty({ enum: ['added', 'updated', 'unchanged'] }) outcome: 'added' | 'updated' | 'unchanged';
  @ApiProperty({ description: 'The person has an account' }) matchedAccount: boolean;
}

export class AddParticipantsResultDto {
  @ApiProperty({ type: [AddedParticipantDto], description: 'One per item sent, in order' }) items: AddedParticipantDto[];
}

export class UpdateParticipantDto {
  @ApiProperty({ enum: PARTICIPANT_ROLES, enumName: 'ParticipantRole' })
  @IsIn(PARTICIPANT_ROLES)
  role: ParticipantRole;
}

export class AttendanceMarkDto {
  @ApiProperty({ format: 'date' }) day: string;
  @ApiProperty() present: boolean;
}

export class ActivityParticipantDto {
  @ApiProperty({ format: 'uuid', description: 'The place in this activity (attendance, role, removal take it)' }) id: string;
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId: string | null;
  @ApiProperty({ description: 'From the account when linked, else as the list said' }) fullName: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() memberState: string;
  @ApiProperty({ type: String, nullable: true }) institution: string | null;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType', nullable: true }) agencyType: AgencyType | null;
  @ApiProperty({ enum: GENDERS, enumName: 'Gender', nullable: true }) gender: Gender | null;
  @ApiProperty({ enum: PARTICIPANT_ROLES, enumName: 'ParticipantRole' }) role: ParticipantRole;
  @ApiProperty() completed: boolean;
  @ApiProperty({ type: [AttendanceMarkDto], description: 'The days recorded, in order; a day not listed has no record' })
  attendance: AttendanceMarkDto[];
}

export class ActivityParticipantListDto {
  @ApiProperty({ type: [ActivityParticipantDto] }) items: ActivityParticipantDto[];
  @ApiProperty() total: number;
  @ApiProperty({ type: [String], description: 'The activity’s days, in order' }) days: string[];
}

export class ParticipantListQueryDto {
  @ApiPropertyOptional({ description: 'Words of the name or email' }) @Omittable() @Trim() @IsString() @MaxLength(200) q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 500 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 500;

  @OffsetField()
  offset: number = 0;
}

export class CandidateQueryDto {
  @ApiProperty({ description: 'At least two characters of the name or email' }) @Trim() @IsString() @Length(2, 200) q: string;
}

export class ParticipantCandidateDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty() memberState: string;
  @ApiProperty() institution: string;
  @ApiProperty({ description: 'Already placed in this activity' }) alreadyAdded: boolean;
}

export class ParticipantCandidateListDto {
  @ApiProperty({ type: [ParticipantCandidateDto] }) items: ParticipantCandidateDto[];
  @ApiProperty() total: number;
}

export class RecordAttendanceDto {
  @ApiProperty({ format: 'uuid', description: 'The activity participant id (`id` in the participants list)' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ format: 'date', description: 'One of the activity’s days' }) @IsDay() date: string;

  @ApiProperty() @IsBoolean() present: boolean;
}

export class AttendanceResultDto {
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() present: boolean;
  @ApiProperty({ description: 'Completion after this record' }) completed: boolean;
}
