import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { PersonalDataDto } from './dto/personal-data.dto.js';
import { ErasureRequestsRepository, type ErasureRequestRow } from './erasure-requests.repository.js';
import { ERASURE_STEPS, PersonalDataRepository, type AuditExportRow, type ErasureTarget } from './personal-data.repository.js';

const UNIQUE_VIOLATION = '23505';

/** The daily job that erases rejected registrations past their retention; how many it takes per transaction. */
export const RETENTION_JOB = 'rejected-registrations-retention';
const RETENTION_BATCH = 100;

/** Keys of audit data that name another person; dropped from events the person did to someone else. */
const OTHER_PEOPLE_KEYS = new Set(['userId', 'userIds', 'participantId']);
/** Subjects that are people: an event the person did to one of them does not say whom. */
const PERSON_SUBJECTS = new Set(['user', 'participant']);

/** The placeholders an erased person is left with: unique, recognisable, and deliverable nowhere (RFC 2606 `.invalid`). */
export function erasurePlaceholders(userId: string): Pick<ErasureTarget, 'placeholderName' | 'placeholderEmail'> {
  return { placeholderName: `Erased person ${userId.slice(0, 8)}`, placeholderEmail: `erased-${userId}@erased.invalid` };
}

/**
 * Personal data rights: the export of everything held about a person (GDPR art. 15 and 20),
 * erasure requests that an admin completes by pseudonymising the person (art. 17), and the
 * retention of rejected registrations.
 */
@Injectable()
export class PersonalDataService implements OnModuleInit {
  private readonly logger = new Logger('PersonalData');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: PersonalDataRepository,
    private readonly requests: ErasureRequestsRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // 03:30 UTC daily, one job across replicas.
    this.jobs.register({
      name: RETENTION_JOB,
      schedule: '30 3 * * *',
      retryLimit: 3,
      handle: async () => {
        await this.eraseExpiredRejections();
      },
    });
  }

  /** Everything held about `user`, read in one snapshot with the audit event that records the export. */
  async export(user: SessionUser): Promise<PersonalDataDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const account = await this.data.account(user.id, manager);
      if (!account) throw new NotFoundError('user');
      const audit = (await this.data.audit(user.id, manager)).map(ownAuditEvent);
      const document: PersonalDataDto = {
        about: {
          platform: 'CTLP — Counter-Terrorism Learning Platform',
          exportedAt: new Date().toISOString(),
          note: 'Everything the platform holds about you. Dates are UTC (ISO 8601); ids are the platform’s own.',
        },
        account: { ...account },
        statusHistory: audit.filter((event) => event.role === 'subject' && /^(registration|user)\./.test(event.action)),
        sessions: await this.data.sessions(user.id, manager),
        mfa: await this.data.mfa(user.id, manager),
        apiTokens: await this.data.apiTokens(user.id, manager),
        enrolments: await this.data.enrolments(user.id, manager),
        certificates: await this.data.certificates(user.id, manager),
        activities: await this.data.participation(user.id, manager),
        teaching: await this.data.teaching(user.id, manager),
        mail: await this.data.mail(account.email, manager),
        auditEvents: audit,
        erasureRequests: await this.data.erasureRequests(user.id, manager),
      };
      await this.audit.record(manager, { actorId: user.id, action: 'personal_data.exported', subjectType: 'user', subjectId: user.id });
      return document;
    });
  }

  /** The person's own requests, newest first. */
  mine(user: SessionUser): Promise<ErasureRequestRow[]> {
    return this.requests.ofUser(user.id);
  }

  /** Opens an erasure request; 409 erasure_already_requested when one is open. */
  async request(user: SessionUser): Promise<ErasureRequestRow> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const row = await this.requests.insert(user.id, manager);
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'erasure.requested',
          subjectType: 'user',
          subjectId: user.id,
          data: { requestId: row.id },
        });
        return row;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new AppError('erasure_already_requested');
      throw error;
    }
  }

  /** The person takes their open request back; 404 for anyone else's. */
  async withdraw(user: SessionUser, id: string): Promise<ErasureRequestRow> {
    return this.decide(id, user.id, async (request, manager) => {
      const row = await this.requests.close(request.id, 'withdrawn', null, null, manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'erasure.withdrawn',
        subjectType: 'user',
        subjectId: user.id,
        data: { requestId: id },
      });
      return row;
    });
  }

  list(filters: Parameters<ErasureRequestsRepository['list']>[0]): Promise<{ rows: ErasureRequestRow[]; total: number }> {
    return this.requests.list(filters);
  }

  /** An admin completes a request: the person is pseudonymised in the same transaction. */
  async complete(admin: SessionUser, id: string): Promise<ErasureRequestRow> {
    return this.decide(id, undefined, async (request, manager) => {
      // An admin erasing their own account would lock themselves out mid-request: another admin does it.
      if (request.userId === admin.id) throw new AppError('self_lockout');
      const erased = await this.erase(manager, request.userId, request.email);
      const row = await this.requests.close(request.id, 'completed', admin.id, null, manager);
      await this.audit.record(manager, {
        actorId: admin.id,
        action: 'erasure.completed',
        subjectType: 'user',
        subjectId: request.userId,
        data: { requestId: id, erased },
      });
      return row;
    });
  }

  async refuse(admin: SessionUser, id: string, reason: string): Promise<ErasureRequestRow> {
    return this.decide(id, undefined, async (request, manager) => {
      const row = await this.requests.close(request.id, 'refused', admin.id, reason, manager);
      await this.audit.record(manager, {
        actorId: admin.id,
        action: 'erasure.refused',
        subjectType: 'user',
        subjectId: request.userId,
        data: { requestId: id, reason },
      });
      return row;
    });
  }

  /** Locks an open request (only `userId`'s when given) and runs `work` on it in that transaction. */
  private decide(
    id: string,
    userId: string | undefined,
    work: (request: ErasureRequestRow, manager: EntityManager) => Promise<ErasureRequestRow>,
  ): Promise<ErasureRequestRow> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.lock(id, manager, userId);
      if (!request) throw new NotFoundError('erasure_request');
      if (request.status !== 'open') throw new AppError('erasure_request_closed', { params: { status: request.status } });
      return work(request, manager);
    });
  }

  /** Runs every erasure step on the person in the caller's transaction; returns what was erased, for the audit event. */
  private async erase(manager: EntityManager, userId: string, email: string): Promise<string[]> {
    const target: ErasureTarget = { userId, email, ...erasurePlaceholders(userId) };
    for (const step of ERASURE_STEPS) await step.run(manager, target);
    return ERASURE_STEPS.map((step) => step.what);
  }

  /**
   * Erases rejected registrations older than REJECTED_REGISTRATION_RETENTION_DAYS, the same way
   * as a completed erasure request: pseudonymised rather than deleted, because their audit events
   * (registration, rejection) keep pointing at the row, and the audit trail may not change. How many.
   */
  async eraseExpiredRejections(): Promise<number> {
    const days = this.config.rejectedRegistrationRetentionDays;
    let total = 0;
    for (;;) {
      const erased = await this.dataSource.transaction(async (manager) => {
        const due = await this.requests.rejectedBeyondRetention(days, RETENTION_BATCH, manager);
        for (const person of due) {
          const erased = await this.erase(manager, person.id, person.email);
          await this.audit.record(manager, {
            actorId: null,
            action: 'personal_data.erased',
            subjectType: 'user',
            subjectId: person.id,
            data: { reason: 'rejected_registration_retention', retentionDays: days, erased },
          });
        }
        return due.length;
      });
      total += erased;
      if (erased < RETENTION_BATCH) break;
    }
    if (total > 0) this.logger.log(`Erased ${total} rejected registrations older than ${days} days`);
    return total;
  }
}

/** An audit event as its own person may read it: what they did to someone else does not say whom. */
function ownAuditEvent(event: AuditExportRow): AuditExportRow {
  if (event.role === 'subject') return event;
  const data = Object.fromEntries(Object.entries(event.data ?? {}).filter(([key]) => !OTHER_PEOPLE_KEYS.has(key)));
  return { ...event, subjectId: PERSON_SUBJECTS.has(event.subjectType) ? '' : event.subjectId, data };
}
