import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesImportModule } from './activities/activities-import.module.js';
import { ActivitiesModule } from './activities/activities.module.js';
import { CheckInModule } from './activities/check-in.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AccessGuard } from './access/access.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { CoursesModule } from './courses/courses.module.js';
import { EnrolmentsModule } from './enrolments/enrolments.module.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { LearningModule } from './learning/learning.module.js';
import { LearningPathsModule } from './learning-paths/learning-paths.module.js';
import { ErrorFilter } from './common/error.filter.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DataFolderWatch, EMBEDDED_DATA_DIR } from './database/data-folder.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MailModule } from './mail/mail.module.js';
import { MemberStatesModule } from './member-states/member-states.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  /** The whole API for one configuration and database; main.ts, the tests and the CLIs build it. */
  static register(config: AppConfig, databaseUrl: string, options: { embeddedDir?: string } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions(databaseUrl, {
            timeouts: config.database,
            onConnectionError: (error) => new Logger('Database').warn(`A database connection failed: ${error.message}`),
          }),
        ),
        ActivitiesModule,
        ActivitiesImportModule,
        AuditModule,
        AuthModule,
        HealthModule,
        JobsModule,
        MailModule,
        CoursesModule,
        EnrolmentsModule,
        EvaluationsModule,
        LearningModule,
        LearningPathsModule,
        CertificatesModule,
        CheckInModule,
        MemberStatesModule,
        PersonalDataModule,
        RegistrationsModule,
        ReportsModule,
        UsersModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EMBEDDED_DATA_DIR, useValue: options.embeddedDir },
        DataFolderWatch,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
      exports: [APP_CONFIG, DataFolderWatch],
      global: true,
    };
  }
}
