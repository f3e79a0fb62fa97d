import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { FIELD_ERROR_CODES } from '@ctlp/contracts';
import type { FieldErrorCode } from '@ctlp/contracts';
import { Omittable } from '../../common/optional.js';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Report what the import would do, and write nothing' })
  @Omittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class InvalidRowDto {
  @ApiProperty({ description: 'The row as the spreadsheet numbers it (1 = the first line)' }) row: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...FIELD_ERROR_CODES] },
    description: 'What is wrong, by column: a field error code each',
    example: { memberState: 'unknown_member_state' },
  })
  fields: Record<string, FieldErrorCode>;
}

export class ImportedRowDto {
  @ApiProperty() row: number;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['added', 'updated', 'unchanged'], description: 'added: newly placed; updated: details or role changed' })
  outcome: 'added' | 'updated' | 'unchanged';
  @ApiProperty({ description: 'The person has an account (matched by email)' }) matchedAccount: boolean;
}

export class ParticipantsImportReportDto {
  @ApiProperty({ description: 'True when nothing was written' }) dryRun: boolean;
  @ApiProperty() added: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Rows whose person has an account' }) matchedAccounts: number;
  @ApiProperty({ description: 'Days marked present from the attended column ("all", "yes", day numbers or dates)' })
  participantDays: number;
  @ApiProperty({ type: [InvalidRowDto], description: 'Rows skipped, with a code per bad field' }) invalid: InvalidRowDto[];
  @ApiProperty({ type: [ImportedRowDto], description: 'Each valid row, in file order' }) rows: ImportedRowDto[];
}

export class ImportedActivityRowDto {
  @ApiProperty({ description: 'The row as the spreadsheet numbers it' }) row: number;
  @ApiProperty({ description: 'The reference as the row writes it' }) ref: string;
  @ApiProperty() title: string;
  @ApiProperty({
    enum: ['added', 'updated', 'unchanged'],
    description: 'added: a reference not imported before; updated: an activity imported before whose fields the workbook changed',
  })
  outcome: 'added' | 'updated' | 'unchanged';
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The activity added or found; null for one a dry run would add (nothing was kept)',
  })
  activityId: string | null;
}

export class HistoricalParticipantRowDto extends ImportedRowDto {
  @ApiProperty({ description: 'The activity the row places the person in: its ref as the activities sheet writes it' }) activityRef: string;
}

export class ActivitiesSheetReportDto {
  @ApiProperty({ description: 'The same as added (activities new to the platform)' }) created: number;
  @ApiProperty({ description: 'Activities whose reference was not imported before' }) added: number;
  @ApiProperty({ description: 'Activities imported before whose fields or status (held to closed) this workbook changed' })
  updated: number;
  @ApiProperty({ description: 'Activities imported before that this workbook leaves as they were' }) unchanged: number;
  @ApiProperty({ type: [InvalidRowDto] }) invalid: InvalidRowDto[];
  @ApiProperty({ type: [ImportedActivityRowDto], description: 'Each valid row, in sheet order' }) rows: ImportedActivityRowDto[];
}

export class ParticipantsSheetReportDto {
  @ApiProperty({ description: 'Places new in their activity' }) added: number;
  @ApiProperty({
    description: 'Places there before whose role, person’s details or attendance (days not recorded yet) this workbook changed',
  })
  updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() matchedAccounts: number;
  @ApiProperty({ description: 'Days marked present' }) participantDays: number;
  @ApiProperty({ description: 'Places whose attendance completes their activity' }) completed: number;
  @ApiProperty({ type: [InvalidRowDto] }) invalid: InvalidRowDto[];
  @ApiProperty({ type: [HistoricalParticipantRowDto], description: 'Each valid row, in sheet order' })
  rows: HistoricalParticipantRowDto[];
}

export class ActivitiesImportReportDto {
  @ApiProperty({ description: 'True when nothing was written' }) dryRun: boolean;
  @ApiProperty({ type: ActivitiesSheetReportDto }) activities: ActivitiesSheetReportDto;
  @ApiProperty({ type: ParticipantsSheetReportDto }) participants: ParticipantsSheetReportDto;
}
