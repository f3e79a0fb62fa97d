import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { withStatementTimeout } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ActivitiesImportRepository } from './activities-import.repository.js';
import type { ActivitiesImportReportDto } from './dto/activities-import.dto.js';
import { ACTIVITY_COLUMNS, HISTORICAL_MAX_BYTES, parseHistoricalWorkbook } from './historical-workbook.js';
import { inTransaction, MemberStateNamesCache, readUpload } from './participants-import.service.js';
import { emailKey, type ParticipantInput } from './participant-input.js';
import type { ListedPerson } from './participants.repository.js';

/** A person as a row gives them, with the id a new participants row would take. */
function listed(input: ParticipantInput): ListedPerson {
  const key = input.email ? emailKey(input.email) : null;
  return {
    id: randomUUID(),
    fullName: input.fullName,
    email: key ? input.email!.trim() : null,
    emailKey: key,
    memberState: input.memberState,
    institution: input.institution,
    agencyType: input.agencyType,
    gender: input.gender,
  };
}

/**
 * POST /activities/import (admins): past activities and their attendance from one workbook, in one
 * transaction and a fixed number of statements however large it is (30,000 people through
 * ParticipantsService.add one activity at a time took 12 statements an activity). The activities
 * are inserted held, organised by the importing admin; people are matched as ParticipantsService
 * matches them (by email key, an account's row first; without an email, new in their activity);
 * places, attendance and completion follow in one statement each, by the rule attendance
 * recording applies, so completion and the report are what they would be had each been entered by
 * hand; those the workbook says are closed are closed at the end. A dry run rolls it all back
 * after counting.
 */
@Injectable()
export class ActivitiesImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ActivitiesImportRepository,
    private readonly audit: AuditService,
    private readonly memberStates: MemberStateNamesCache,
  ) {}

  async importUpload(user: SessionUser, upload: { stream: Readable } | undefined, dryRun: boolean): Promise<ActivitiesImportReportDto> {
    return this.import(user, await readUpload(upload, HISTORICAL_MAX_BYTES), dryRun);
  }

  /** An empty workbook with both sheets' headers and an example row each, to fill in. */
  async template(): Promise<Buffer> {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const activities = workbook.addWorksheet('activities');
    activities.addRow(Object.keys(ACTIVITY_COLUMNS));
    activities.addRow([
      'W-2019-01',
      'workshop',
      'Countering the financing of terrorism',
      'in_person',
      '2019-03-04',
      '2019-03-06',
      'KEN',
      'Nairobi',
      'KEN, UGA, TZA',
      'en, fr',
      'terrorist-financing',
      18,
      100,
      'closed',
    ]);
    const participants = workbook.addWorksheet('participants');
    participants.addRow([
      'activityRef',
      'fullName',
      'email',
      'memberState',
      'institution',
      'agencyType',
      'gender',
      'role',
      'attendedDays',
      'attended',
    ]);
    participants.addRow([
      'W-2019-01',
      'Amina Odhiambo',
      'amina@example.org',
      'Kenya',
      'National Police Service',
      'police',
      'female',
      'participant',
      3,
      '',
    ]);
    for (const sheet of [activities, participants]) {
      sheet.getRow(1).font = { bold: true };
      sheet.columns.forEach((column) => (column.width = 18));
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async import(user: SessionUser, file: Buffer, dryRun: boolean): Promise<ActivitiesImportReportDto> {
    const workbook = await parseHistoricalWorkbook(file, await this.memberStates.get());
    // One transaction whose large statements (tens of thousands of rows, with the report's
    // triggers) may take a report's time limit, not an ordinary request's.
    return inTransaction(this.dataSource, dryRun, (outer) =>
      withStatementTimeout(outer, this.config.database.reportMs, async (manager) => {
        const activities = workbook.activities.map((entry) => ({ ...entry, id: randomUUID() }));
        await this.repository.insertHeld(
          activities.map(({ id, activity }) => ({ ...activity, id })),
          user.id,
          manager,
        );
        const report: ActivitiesImportReportDto = {
          dryRun,
          activities: { created: activities.length, invalid: workbook.invalidActivities },
          participants: {
            added: 0,
            updated: 0,
            unchanged: 0,
            matchedAccounts: 0,
            participantDays: 0,
            completed: 0,
            invalid: [...workbook.invalidParticipants],
          },
        };

        // Who is who, for the whole workbook at once: people with an email by their key (the last
        // row naming a key gives the details), people without one new in their activity.
        const rows = activities.flatMap((activity) => activity.participants.map((participant) => ({ activity, ...participant })));
        const lastByKey = new Map<string, ListedPerson>();
        const personOfRow = new Map<number, string>();
        const unkeyed: ListedPerson[] = [];
        for (const { row, input } of rows) {
          const person = listed(input);
          if (person.emailKey) lastByKey.set(person.emailKey, person);
          else {
            unkeyed.push(person);
            personOfRow.set(row, person.id);
          }
        }
        const keys = [...lastByKey.keys()];
        await this.repository.ensureAccountRows(keys, manager);
        let resolved = await this.repository.resolveKeys(keys, manager);
        const fresh = resolved.filter((r) => !r.participantId).map((r) => lastByKey.get(r.key)!);
        if (fresh.length) {
          await this.repository.insertPeople(fresh, manager);
          // Another transaction may have inserted one of these keys first: resolve again to find it.
          resolved = await this.repository.resolveKeys(keys, manager);
        }
        const freshIds = new Set(fresh.map((p) => p.id));
        const byKey = new Map(resolved.map((r) => [r.key, r]));
        await this.repository.refreshPeople(
          resolved
            .filter((r) => !r.linked && !freshIds.has(r.participantId!))
            .map((r) => ({ ...lastByKey.get(r.key)!, id: r.participantId! })),
          manager,
        );
        await this.repository.insertPeople(unkeyed, manager);

        // One place per person and activity: a second row reaching the same person (two addresses of one account) is refused.
        const places: Array<{ id: string; activityId: string; participantId: string; role: string; daysPresent: number }> = [];
        const marks: Array<{ activityParticipantId: string; day: string; present: boolean }> = [];
        const placed = new Set<string>();
        for (const { activity, row, input, attendedDays } of rows) {
          const key = input.email ? emailKey(input.email) : null;
          const participantId = key ? byKey.get(key)!.participantId! : personOfRow.get(row)!;
          if (placed.has(`${activity.id}/${participantId}`)) {
            report.participants.invalid.push({ row, fields: { email: 'duplicate_in_file' } });
            continue;
          }
          placed.add(`${activity.id}/${participantId}`);
          const place = { id: randomUUID(), activityId: activity.id, participantId, role: input.role, daysPresent: attendedDays ?? 0 };
          places.push(place);
          report.participants.added += 1;
          if (key && byKey.get(key)!.linked) report.participants.matchedAccounts += 1;
          if (attendedDays === null) continue;
          activity.days.forEach((day, d) => marks.push({ activityParticipantId: place.id, day, present: d < attendedDays }));
          report.participants.participantDays += attendedDays;
        }
        report.participants.invalid.sort((a, b) => a.row - b.row);
        await this.repository.insertPlaces(places, manager);
        await this.repository.insertMarks(marks, manager);
        report.participants.completed = await this.repository.recomputeCompletion(
          activities.map((a) => a.id),
          manager,
        );
        await this.repository.close(
          activities.filter((a) => a.activity.status === 'closed').map((a) => a.id),
          manager,
        );
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'activities.imported',
          subjectType: 'activities_import',
          subjectId: randomUUID(),
          data: {
            activities: report.activities.created,
            participants: report.participants.added + report.participants.updated + report.participants.unchanged,
            invalidActivities: report.activities.invalid.length,
            invalidParticipants: report.participants.invalid.length,
          },
        });
        return report;
      }),
    );
  }
}
