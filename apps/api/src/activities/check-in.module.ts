import { Module } from '@nestjs/common';
import { ActivitiesModule } from './activities.module.js';
import { CheckInController } from './check-in.controller.js';
import { CheckInRepository } from './check-in.repository.js';
import { CheckInService } from './check-in.service.js';

/** Self check-in at a training activity with a rotating code. */
@Module({
  imports: [ActivitiesModule],
  controllers: [CheckInController],
  providers: [CheckInRepository, CheckInService],
})
export class CheckInModule {}
