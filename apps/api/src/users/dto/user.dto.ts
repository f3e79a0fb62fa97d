import { ApiProperty } from '@nestjs/swagger';
import { AGENCY_TYPES, GENDERS, LOCALES, ROLES, USER_STATUSES } from '@ctlp/contracts';
import type { AgencyType, Gender, Locale, Role, UserStatus } from '@ctlp/contracts';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'a.official@interior.gov.ke' }) email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-3', example: 'KEN' }) memberState: string;
  @ApiProperty() institution: string;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) agencyType: AgencyType;
  @ApiProperty() jobTitle: string;
  @ApiProperty({ enum: GENDERS, enumName: 'Gender' }) gender: Gender;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) locale: Locale;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty({ enum: USER_STATUSES, enumName: 'UserStatus' }) status: UserStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) vettedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who approved or rejected the registration' })
  vettedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the email address was confirmed; null while it is not',
  })
  emailConfirmedAt: string | null;
}

export class UserResponseDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
}

interface UserLike {
  id: string;
  email: string;
  fullName: string;
  memberState: string;
  institution: string;
  agencyType: AgencyType;
  jobTitle: string;
  gender: Gender;
  locale: Locale;
  roles: Role[];
  status: UserStatus;
  createdAt: Date;
  vettedAt: Date | null;
  vettedBy: string | null;
  rejectionReason: string | null;
  emailConfirmedAt: Date | null;
}

/** The one place a user becomes JSON: the password hash and relations never leave. */
export function toUserDto(user: UserLike): UserDto {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    memberState: user.memberState,
    institution: user.institution,
    agencyType: user.agencyType,
    jobTitle: user.jobTitle,
    gender: user.gender,
    locale: user.locale,
    roles: user.roles,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    vettedAt: user.vettedAt?.toISOString() ?? null,
    vettedBy: user.vettedBy,
    rejectionReason: user.rejectionReason,
    emailConfirmedAt: user.emailConfirmedAt?.toISOString() ?? null,
  };
}
