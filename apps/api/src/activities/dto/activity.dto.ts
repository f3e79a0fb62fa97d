import { ApiProperty } from '@nestjs/swagger';
import { ACTIVITY_DELIVERIES, ACTIVITY_KINDS, ACTIVITY_STATUSES, LOCALES } from '@ctlp/contracts';
import type { ActivityDelivery, ActivityKind, ActivityStatus, Locale } from '@ctlp/contracts';

export class ActivityPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) kind: ActivityKind;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ACTIVITY_DELIVERIES, enumName: 'ActivityDelivery' }) delivery: ActivityDelivery;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ type: String, nullable: true }) venueMemberState: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: [String] }) memberStates: string[];
  @ApiProperty({ enum: LOCALES, enumName: 'Locale', isArray: true }) languages: Locale[];
  @ApiProperty({
    type: [String],
    description: 'Topics of the vocabulary (Topic); a row kept from before it may hold other slugs, returned as they are',
  })
  topics: string[];
  @ApiProperty() hours: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) requiredAttendance: number;
  @ApiProperty({ description: 'Days present that complete it, out of the days' }) requiredDays: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId: string | null;
  @ApiProperty({ type: String, nullable: true }) courseTitle: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty({ enum: ACTIVITY_STATUSES, enumName: 'ActivityStatus' }) status: ActivityStatus;
  @ApiProperty({ type: ActivityPersonDto }) organiser: ActivityPersonDto;
  @ApiProperty({ type: [ActivityPersonDto] }) coOrganisers: ActivityPersonDto[];
  @ApiProperty({ description: 'People placed in it, any role' }) participantCount: number;
  @ApiProperty({ description: 'Of them, those whose attendance completed it' }) completedCount: number;
  @ApiProperty({ description: 'The caller may change it (organiser, co-organiser, admin)' }) canManage: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ActivityListDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
  @ApiProperty() total: number;
}

/** An active trainer the organiser may name as a co-organiser. */
export class OrganiserCandidateDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty() memberState: string;
  @ApiProperty() institution: string;
}

export class OrganiserCandidateListDto {
  @ApiProperty({ type: [OrganiserCandidateDto] }) items: OrganiserCandidateDto[];
  @ApiProperty() total: number;
}
