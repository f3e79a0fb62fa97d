import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { NormalisedEmail } from '../../common/emails.js';

export class AddTrainerDto {
  @ApiProperty({ format: 'email', description: 'An active account with the trainer role' })
  @NormalisedEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class CourseTrainerDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['owner', 'co_trainer'] }) role: 'owner' | 'co_trainer';
}

export class CourseTrainerListDto {
  @ApiProperty({ type: [CourseTrainerDto] }) items: CourseTrainerDto[];
  @ApiProperty() total: number;
}
