import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { ActivitiesImportRepository } from './activities-import.repository.js';
import { AttendanceService, type AttendanceEntry } from './attendance.service.js';
import type { ActivitiesImportReportDto } from './dto/activities-import.dto.js';
import { ACTIVITY_COLUMNS, HISTORICAL_MAX_BYTES, parseHistoricalWorkbook } from './historical-workbook.js';
import { inTransaction, MemberStateNamesCache, readUpload } from './participants-import.service.js';
import { ParticipantsService } from './participants.service.js';

/**
 * POST /activities/import (admins): past activities and their attendance from one workbook, in one
 * transaction. The activities are inserted in one statement, held, organised by the importing
 * admin; each one's people go through ParticipantsService.add and their days through
 * AttendanceService.record (both set-based), so matching, completion and the report follow as for
 * any activity; those the workbook says are closed are closed at the end. A dry run rolls it all
 * back after counting.
 */
@Injectable()
export class ActivitiesImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ActivitiesImportRepository,
    private readonly participants: ParticipantsService,
    private readonly attendance: AttendanceService,
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
    return inTransaction(this.dataSource, dryRun, async (manager) => {
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
          invalid: workbook.invalidParticipants,
        },
      };
      for (const { id, days, participants } of activities) {
        if (!participants.length) continue;
        const outcomes = await this.participants.add(
          manager,
          id,
          participants.map((p) => p.input),
        );
        const entries: AttendanceEntry[] = [];
        outcomes.forEach((outcome, index) => {
          report.participants[outcome.outcome] += 1;
          if (outcome.matchedAccount) report.participants.matchedAccounts += 1;
          const attended = participants[index]!.attendedDays;
          if (attended === null) return;
          days.forEach((day, d) => entries.push({ activityParticipantId: outcome.activityParticipantId, day, present: d < attended }));
          report.participants.participantDays += attended;
        });
        const completion = await this.attendance.record(manager, id, entries, 'import', null);
        report.participants.completed += completion.filter((c) => c.completed).length;
      }
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
    });
  }
}
