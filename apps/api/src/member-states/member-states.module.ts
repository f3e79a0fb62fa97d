import { Module } from '@nestjs/common';
import { MemberStatesController } from './member-states.controller.js';
import { MemberStatesService } from './member-states.service.js';

@Module({ controllers: [MemberStatesController], providers: [MemberStatesService], exports: [MemberStatesService] })
export class MemberStatesModule {}
