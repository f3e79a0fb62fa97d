import { Module } from '@nestjs/common';
import { MemberStatesController } from './member-states.controller.js';
import { MemberStatesRepository } from './member-states.repository.js';
import { MemberStatesService } from './member-states.service.js';

@Module({ controllers: [MemberStatesController], providers: [MemberStatesRepository, MemberStatesService], exports: [MemberStatesService] })
export class MemberStatesModule {}
