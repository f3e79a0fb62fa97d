import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength, registerDecorator, type ValidationArguments } from 'class-validator';
import { AGENCY_TYPES, GENDERS, LOCALES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ctlp/contracts';
import type { AgencyType, Gender, Locale } from '@ctlp/contracts';
import { Trim, TrimLower, TrimUpper } from '../../common/transforms.js';
import { passwordProblem } from '../passwords.js';

function problemOf(args: ValidationArguments): string | undefined {
  if (typeof args.value !== 'string') return 'password must be a string';
  return passwordProblem(args.value, (args.object as { email?: unknown }).email as string | undefined);
}

function IsAcceptablePassword(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problemOf(args) === undefined,
        defaultMessage: (args?: ValidationArguments) => (args && problemOf(args)) ?? 'password is not acceptable',
      },
    });
}

export class RegisterDto {
  @ApiProperty({ example: 'a.official@interior.gov.ke', maxLength: 254 })
  @TrimLower()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: 'No composition rules; common passwords are refused' })
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'fullName is required (at most 200 characters)' })
  fullName: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-3 code', example: 'KEN' })
  @TrimUpper()
  @IsString()
  @Length(3, 3, { message: 'memberState must be an ISO 3166-1 alpha-3 code' })
  memberState: string;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'institution is required (at most 200 characters)' })
  institution: string;

  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' })
  @IsIn(AGENCY_TYPES, { message: `agencyType must be one of ${AGENCY_TYPES.join(', ')}` })
  agencyType: AgencyType;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'jobTitle is required (at most 200 characters)' })
  jobTitle: string;

  @ApiProperty({ enum: GENDERS, enumName: 'Gender' })
  @IsIn(GENDERS, { message: `gender must be one of ${GENDERS.join(', ')}` })
  gender: Gender;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale: Locale;
}
