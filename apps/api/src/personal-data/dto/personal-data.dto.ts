import { ApiProperty } from '@nestjs/swagger';

const rows = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;
const record = { type: 'object', additionalProperties: true } as const;

/**
 * Everything the platform holds about the signed-in person (GDPR art. 15 and 20), as one JSON
 * document. Never a password hash, a token or a session id, and nothing about anyone else.
 */
export class PersonalDataDto {
  @ApiProperty({ description: 'What this document is and when it was made', ...record }) about: Record<string, unknown>;
  @ApiProperty({ description: 'Profile, roles, Member State, agency, sex, status', ...record }) account: Record<string, unknown>;
  @ApiProperty({ description: 'Registration, vetting and status decisions about the account', ...rows }) statusHistory: object[];
  @ApiProperty({ description: 'Devices signed in (no session ids)', ...rows }) sessions: object[];
  @ApiProperty({
    description: 'Two-step sign-in: on since when, recovery codes left and used (never the secret or the codes)',
    type: Object,
  })
  mfa: object;
  @ApiProperty({ description: 'Personal API tokens (never the token or its hash)', ...rows }) apiTokens: object[];
  @ApiProperty({ description: 'Enrolments with lesson progress and quiz attempts', ...rows }) enrolments: object[];
  @ApiProperty({ ...rows }) certificates: object[];
  @ApiProperty({ description: 'The participant record of training activities and each activity with its attendance', ...record })
  activities: Record<string, unknown>;
  @ApiProperty({ description: 'Courses, activities and learning paths the person teaches, organises or owns', ...record }) teaching: Record<
    string,
    unknown
  >;
  @ApiProperty({ description: 'Messages sent to the address (subject and date)', ...rows }) mail: object[];
  @ApiProperty({ description: 'Audit events the person did, or that were done to the account', ...rows }) auditEvents: object[];
  @ApiProperty({ ...rows }) erasureRequests: object[];
}
