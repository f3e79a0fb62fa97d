import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ParticipantRole } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { withStatementTimeout } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ActivitiesImportRepository } from './activities-import.repository.js';
import type { ActivitiesImportReportDto } from './dto/activities-import.dto.js';
import { ACTIVITY_COLUMNS, HISTORICAL_MAX_BYTES, parseHistoricalWorkbook } from './historical-workbook.js';
import { inTransaction, MemberStateNamesCache, readUpload } from './participants-import.service.js';
import { listedPerson } from './participant-input.js';
import { ParticipantsRepository } from './participants.repository.js';

type Outcome = 'added' | 'updated' | 'unchanged';

/**
 * POST /activities/import (admins): past activities and their attendance from one workbook, in one
 * transaction and a fixed number of statements however large it is (30,000 people through
 * ParticipantsService.add one activity at a time took 12 statements an activity).
 *
 * Each activity is known by its reference (activities.import_ref): a reference imported before is
 * that activity again — its fields updated where the workbook now says otherwise, its people and
 * days added where missing — so importing the same workbook twice, or two imports of it at once,
 * adds nothing the second time. New activities are inserted held, organised by the importing
 * admin. People are matched by ParticipantsRepository.matchPeople, as everywhere else; places,
 * attendance and completion follow in one statement each, by the rule attendance recording
 * applies, so completion and the report are what they would be had each been entered by hand; a
 * day already recorded keeps what it says. Those the workbook says are closed are closed (closed
 * is final: a workbook saying held does not reopen one). A dry run rolls it all back after
 * counting, so it reports what the real run does.
 */
@Injectable()
export class ActivitiesImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ActivitiesImportRepository,
    private readonly participants: ParticipantsRepository,
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
      'financing, investigation',
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
        // The activities, by reference: new ones inserted, then all of them locked and read back.
        const proposed = workbook.activities.map((entry) => ({ ...entry.activity, id: randomUUID(), ref: entry.importRef }));
        const inserted = new Set(await this.repository.insertNew(proposed, user.id, manager));
        const idOf = new Map(
          (
            await this.repository.lockByRef(
              proposed.map((a) => a.ref),
              manager,
            )
          ).map((row) => [row.ref, row.id]),
        );
        const changed = await this.repository.updateChanged(
          proposed.filter((a) => !inserted.has(a.id)).map((a) => ({ ...a, id: idOf.get(a.ref)! })),
          manager,
        );
        await this.repository.dropOutside(
          changed.filter((c) => c.rulesChanged).map((c) => c.id),
          manager,
        );
        const updated = new Set(changed.map((c) => c.id));
        const activities = workbook.activities.map((entry, index) => {
          const id = idOf.get(entry.importRef)!;
          const outcome: Outcome = inserted.has(proposed[index]!.id) ? 'added' : updated.has(id) ? 'updated' : 'unchanged';
          return { ...entry, id, outcome };
        });
        const report: ActivitiesImportReportDto = {
          dryRun,
          activities: {
            created: 0,
            added: 0,
            updated: 0,
            unchanged: 0,
            invalid: workbook.invalidActivities,
            rows: activities.map(({ row, ref, activity, id, outcome }) => ({
              row,
              ref,
              title: activity.title,
              outcome,
              activityId: dryRun && outcome === 'added' ? null : id,
            })),
          },
          participants: {
            added: 0,
            updated: 0,
            unchanged: 0,
            matchedAccounts: 0,
            participantDays: 0,
            completed: 0,
            invalid: [...workbook.invalidParticipants],
            rows: [],
          },
        };
        for (const { outcome } of activities) report.activities[outcome] += 1;
        report.activities.created = report.activities.added;

        // Who is who, for the whole workbook at once, by the rule every way in shares.
        const rows = activities.flatMap((activity) => activity.participants.map((participant) => ({ activity, ...participant })));
        const people = await this.participants.matchPeople(
          rows.map(({ activity, input }, ord) => ({
            ord,
            activityId: activity.id,
            userId: null,
            person: listedPerson(input, randomUUID()),
          })),
          manager,
        );
        const existing = new Map(
          (
            await this.participants.placements(
              rows.map(({ activity }, ord) => ({ activityId: activity.id, participantId: people[ord]!.participantId! })),
              manager,
            )
          ).map((place) => [`${place.activityId}/${place.participantId}`, place]),
        );

        // One place per person and activity: a second row reaching the same person (two addresses of one account) is refused.
        const places: Array<{ id: string; activityId: string; participantId: string; role: string; daysPresent: number }> = [];
        const roles: Array<{ id: string; role: ParticipantRole }> = [];
        const marks: Array<{ activityParticipantId: string; day: string; present: boolean }> = [];
        const placed = new Map<
          string,
          { row: number; fullName: string; activityRef: string; placeId: string; outcome: Outcome; matchedAccount: boolean }
        >();
        rows.forEach(({ activity, row, input, attendedDays }, ord) => {
          const { participantId, linked, detailsChanged } = people[ord]!;
          const pair = `${activity.id}/${participantId!}`;
          if (placed.has(pair)) {
            report.participants.invalid.push({ row, fields: { email: 'duplicate_in_file' } });
            return;
          }
          const before = existing.get(pair);
          const placeId = before?.id ?? randomUUID();
          if (!before) {
            places.push({
              id: placeId,
              activityId: activity.id,
              participantId: participantId!,
              role: input.role,
              daysPresent: attendedDays ?? 0,
            });
          } else if (before.role !== input.role) roles.push({ id: placeId, role: input.role });
          const outcome = !before ? 'added' : before.role !== input.role || detailsChanged ? 'updated' : 'unchanged';
          placed.set(pair, { row, fullName: input.fullName, activityRef: activity.ref, placeId, outcome, matchedAccount: linked });
          if (attendedDays === null) return;
          activity.days.forEach((day, d) => marks.push({ activityParticipantId: placeId, day, present: d < attendedDays }));
          report.participants.participantDays += attendedDays;
        });
        report.participants.invalid.sort((a, b) => a.row - b.row);
        await this.repository.insertPlaces(places, manager);
        await this.participants.setRoles(roles, manager);
        const gained = new Set(
          await this.repository.insertMarks(
            marks,
            [...existing.values()].map((place) => place.id),
            manager,
          ),
        );
        for (const place of placed.values()) {
          const outcome = place.outcome === 'unchanged' && gained.has(place.placeId) ? 'updated' : place.outcome;
          report.participants[outcome] += 1;
          if (place.matchedAccount) report.participants.matchedAccounts += 1;
          report.participants.rows.push({
            row: place.row,
            fullName: place.fullName,
            activityRef: place.activityRef,
            outcome,
            matchedAccount: place.matchedAccount,
          });
        }
        report.participants.rows.sort((a, b) => a.row - b.row);
        report.participants.completed = await this.repository.recomputeCompletion(
          activities.map((a) => a.id),
          manager,
        );
        await this.repository.close(
          activities.filter((a) => a.outcome === 'added' && a.activity.status === 'closed').map((a) => a.id),
          manager,
        );
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'activities.imported',
          subjectType: 'activities_import',
          subjectId: randomUUID(),
          data: {
            activities: { added: report.activities.added, updated: report.activities.updated, unchanged: report.activities.unchanged },
            participants: {
              added: report.participants.added,
              updated: report.participants.updated,
              unchanged: report.participants.unchanged,
            },
            invalidActivities: report.activities.invalid.length,
            invalidParticipants: report.participants.invalid.length,
          },
        });
        return report;
      }),
    );
  }
}
