import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, registerDecorator, type ValidationArguments } from 'class-validator';
import { AGENCY_TYPES, GENDERS, LOCALES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ctlp/contracts';
import type { AgencyType, Gender, Locale } from '@ctlp/contracts';
import { TrimUpper } from '../../common/transforms.js';
import { registerFieldRule } from '../../common/validation.js';
import { AccountEmail } from '../../common/emails.js';
import { passwordProblem, type PasswordOwner, type PasswordProblem } from '../passwords.js';
import { PROFILE_TEXT_MAX, ProfileText } from './profile-fields.js';

const PASSWORD_RULE = 'isAcceptablePassword';
/** Each DTO's answer from the check (asynchronous: a worker thread), for the field error that names the rule. */
const problems = new WeakMap<object, PasswordProblem | undefined>();
registerFieldRule(PASSWORD_RULE, (value, object) =>
  typeof value === 'string' ? (problems.get(object) ?? { code: 'invalid_format' }) : { code: 'not_string' },
);

/** NIST SP 800-63B rules (passwords.ts); the field error says which one failed. */
function IsAcceptablePassword(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: PASSWORD_RULE,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: async (value: unknown, args: ValidationArguments) => {
          if (typeof value !== 'string') return false;
          const problem = await passwordProblem(value, args.object as PasswordOwner);
          problems.set(args.object, problem);
          return problem === undefined;
        },
        defaultMessage: () => 'password is not acceptable',
      },
    });
}

export class RegisterDto {
  @ApiProperty({ example: 'a.official@interior.gov.ke', maxLength: 254 })
  @AccountEmail()
  email: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'No composition rules; common passwords are refused',
  })
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ minLength: 1, maxLength: PROFILE_TEXT_MAX })
  @ProfileText()
  fullName: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-3 code', example: 'KEN' })
  @TrimUpper()
  @IsString()
  @Length(3, 3)
  memberState: string;

  @ApiProperty({ minLength: 1, maxLength: PROFILE_TEXT_MAX })
  @ProfileText()
  institution: string;

  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' })
  @IsIn(AGENCY_TYPES)
  agencyType: AgencyType;

  @ApiProperty({ minLength: 1, maxLength: PROFILE_TEXT_MAX })
  @ProfileText()
  jobTitle: string;

  @ApiProperty({ enum: GENDERS, enumName: 'Gender' })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  @IsIn(LOCALES)
  locale: Locale;
}
