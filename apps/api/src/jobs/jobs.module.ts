import { Global, Module } from '@nestjs/common';
import { JobsAdminController } from './jobs-admin.controller.js';
import { JobsRepository } from './jobs.repository.js';
import { JobsService } from './jobs.service.js';

/** Global: features register and enqueue their background work through the one JobsService. */
@Global()
@Module({ controllers: [JobsAdminController], providers: [JobsService, JobsRepository], exports: [JobsService] })
export class JobsModule {}
