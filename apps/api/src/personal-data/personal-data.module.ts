import { Module } from '@nestjs/common';
import { ErasureRequestsRepository } from './erasure-requests.repository.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PersonalDataRepository } from './personal-data.repository.js';
import { PersonalDataService } from './personal-data.service.js';

@Module({ controllers: [PersonalDataController], providers: [PersonalDataRepository, ErasureRequestsRepository, PersonalDataService] })
export class PersonalDataModule {}
