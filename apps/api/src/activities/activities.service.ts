import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FieldError } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { ActivitiesRepository, type ActivityColumns } from './activities.repository.js';
import { toActivityDto } from './activity-dto.js';
import { AttendanceRepository } from './attendance.repository.js';
import type { ActivityQueryDto, CreateActivityDto, UpdateActivityDto } from './dto/activity-input.dto.js';
import type { ActivityDto, ActivityListDto, OrganiserCandidateListDto } from './dto/activity.dto.js';

const MAX_SPAN_DAYS = 365; // ends_on - starts_on, as the table's check says

function spanDays(startsOn: string, endsOn: string): number {
  return (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000;
}

/** The columns of `next` whose values differ from the activity as it is: an edit that changes nothing writes nothing. */
function changedColumns(current: ActivityColumns, next: Partial<ActivityColumns>): Partial<ActivityColumns> {
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof ActivityColumns])),
  );
}

/** Activities: describing them, who organises them, and their status planned → held → closed. */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly attendance: AttendanceRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: SessionUser, query: ActivityQueryDto): Promise<ActivityListDto> {
    if (query.from && query.to && query.to < query.from) throw ValidationError.field('to', 'must_not_be_before', { field: 'from' });
    const { rows, total } = await this.activities.list(user, query);
    return { items: rows.map(toActivityDto), total };
  }

  async view(user: SessionUser, id: string): Promise<ActivityDto> {
    const row = await this.activities.view(user, id);
    if (!row) throw new NotFoundError('activity');
    return toActivityDto(row);
  }

  /** Active trainers to name as co-organisers, by name or email (at least two characters). */
  async organiserCandidates(q: string): Promise<OrganiserCandidateListDto> {
    const rows = await this.activities.organiserCandidates(q);
    return { items: rows.map((row) => ({ ...row, memberState: row.memberState.trim() })), total: rows.length };
  }

  /** A new activity, organised by the caller (a trainer or an admin). */
  async create(user: SessionUser, dto: CreateActivityDto): Promise<ActivityDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const columns: ActivityColumns = {
        kind: dto.kind,
        title: dto.title,
        description: dto.description ?? '',
        delivery: dto.delivery,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        venueMemberState: dto.venueMemberState ?? null,
        city: dto.city || null,
        memberStates: dto.memberStates ?? [],
        languages: dto.languages ?? [],
        topics: dto.topics ?? [],
        hours: dto.hours,
        requiredAttendance: dto.requiredAttendance,
        courseId: dto.courseId ?? null,
        capacity: dto.capacity ?? null,
      };
      const coOrganiserIds = (dto.coOrganiserIds ?? []).filter((coId) => coId !== user.id);
      await this.validate(user, columns, columns, coOrganiserIds, manager);
      const id = await this.activities.insert({ ...columns, organiserId: user.id }, manager);
      if (coOrganiserIds.length) await this.activities.setCoOrganisers(id, coOrganiserIds, manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'activity.created',
        subjectType: 'activity',
        subjectId: id,
        data: { title: columns.title, startsOn: columns.startsOn, endsOn: columns.endsOn },
      });
      return id;
    });
    return this.view(user, id);
  }

  /**
   * Changes what was sent. New dates drop attendance outside them; new dates or a new required
   * share recompute everyone's completion, in the same transaction (the activity locked FOR
   * UPDATE, so no attendance is written meanwhile). A closed activity takes no change: its
   * certificates name its dates and place.
   */
  async update(user: SessionUser, id: string, dto: UpdateActivityDto): Promise<ActivityDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.activities.lockManageable(user, id, 'update', manager);
      if (!current) throw new NotFoundError('activity');
      if (current.status === 'closed') throw new AppError('activity_closed');
      const next: Partial<ActivityColumns> = {};
      const copy = <K extends keyof ActivityColumns>(key: K, value: ActivityColumns[K] | undefined) => {
        if (value !== undefined) next[key] = value;
      };
      copy('kind', dto.kind);
      copy('title', dto.title);
      copy('description', dto.description);
      copy('delivery', dto.delivery);
      copy('startsOn', dto.startsOn);
      copy('endsOn', dto.endsOn);
      copy('venueMemberState', dto.venueMemberState);
      if (dto.city !== undefined) next.city = dto.city || null;
      copy('memberStates', dto.memberStates);
      copy('languages', dto.languages);
      copy('topics', dto.topics);
      copy('hours', dto.hours);
      copy('requiredAttendance', dto.requiredAttendance);
      copy('courseId', dto.courseId);
      copy('capacity', dto.capacity);
      const changes = changedColumns(current, next);
      const coOrganiserIds = dto.coOrganiserIds?.filter((coId) => coId !== current.organiserId);
      const organisersChange =
        coOrganiserIds !== undefined && JSON.stringify([...coOrganiserIds].sort()) !== JSON.stringify(current.coOrganiserIds);
      // Like a course's co-trainers: who runs it with them is the organiser's choice (or an admin's).
      if (organisersChange && current.organiserId !== user.id && !user.roles.includes('admin')) throw new AppError('forbidden');
      await this.validate(user, { ...current, ...changes }, changes, organisersChange ? coOrganiserIds! : [], manager);
      if (!Object.keys(changes).length && !organisersChange) return;

      if (Object.keys(changes).length) await this.activities.update(id, changes, manager);
      if (organisersChange) await this.activities.setCoOrganisers(id, coOrganiserIds!, manager);
      const after = { ...current, ...changes };
      if (changes.startsOn !== undefined || changes.endsOn !== undefined) {
        await this.attendance.dropOutside(id, after.startsOn, after.endsOn, manager);
      }
      if (changes.startsOn !== undefined || changes.endsOn !== undefined || changes.requiredAttendance !== undefined) {
        await this.attendance.recomputeActivity(id, manager);
      }
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'activity.updated',
        subjectType: 'activity',
        subjectId: id,
        data: { changed: [...Object.keys(changes), ...(organisersChange ? ['coOrganiserIds'] : [])] },
      });
    });
    return this.view(user, id);
  }

  /** planned → held: it took place. Holding a held one changes nothing; a closed one: 409. */
  async hold(user: SessionUser, id: string): Promise<ActivityDto> {
    return this.moveStatus(user, id, 'held');
  }

  /** held → closed: participants and attendance are final. Closing a planned one: 409 activity_not_held. */
  async close(user: SessionUser, id: string): Promise<ActivityDto> {
    return this.moveStatus(user, id, 'closed');
  }

  private async moveStatus(user: SessionUser, id: string, to: 'held' | 'closed'): Promise<ActivityDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.activities.lockManageable(user, id, 'update', manager);
      if (!current) throw new NotFoundError('activity');
      if (current.status === to) return;
      if (current.status === 'closed') throw new AppError('activity_closed');
      if (to === 'closed' && current.status !== 'held') throw new AppError('activity_not_held');
      await this.activities.update(id, { status: to }, manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: `activity.${to}`,
        subjectType: 'activity',
        subjectId: id,
        data: { from: current.status },
      });
    });
    return this.view(user, id);
  }

  /**
   * What the schema cannot say with a field's name: dates in order and within a year, the venue
   * required unless online, States known, the course visible to the caller, co-organisers active
   * trainers. `changed` holds the fields to check against the database (an unchanged field was
   * checked when it was set).
   */
  private async validate(
    user: SessionUser,
    after: ActivityColumns,
    changed: Partial<ActivityColumns>,
    coOrganiserIds: string[],
    manager: EntityManager,
  ): Promise<void> {
    const errors: Record<string, FieldError> = {};
    const datesChanged = changed.startsOn !== undefined || changed.endsOn !== undefined;
    if (datesChanged && after.endsOn < after.startsOn) {
      errors.endsOn = fieldError('endsOn', 'must_not_be_before', { field: 'startsOn' });
    } else if (datesChanged && spanDays(after.startsOn, after.endsOn) > MAX_SPAN_DAYS) {
      errors.endsOn = fieldError('endsOn', 'activity_too_long');
    }
    if (after.delivery !== 'online' && !after.venueMemberState) errors.venueMemberState = fieldError('venueMemberState', 'required');
    const states = [...new Set([...(changed.venueMemberState ? [changed.venueMemberState] : []), ...(changed.memberStates ?? [])])];
    if (states.length) {
      const known = new Set(await this.activities.knownStates(states, manager));
      if (changed.venueMemberState && !known.has(changed.venueMemberState)) {
        errors.venueMemberState = fieldError('venueMemberState', 'unknown_member_state');
      }
      const unknown = (changed.memberStates ?? []).filter((code) => !known.has(code));
      if (unknown.length) errors.memberStates = fieldError('memberStates', 'unknown_member_state', { values: unknown });
    }
    if (changed.courseId && !(await this.activities.courseVisible(user, changed.courseId, manager))) {
      errors.courseId = fieldError('courseId', 'unknown_course');
    }
    if (coOrganiserIds.length) {
      const trainers = new Set(await this.activities.activeTrainers(coOrganiserIds, manager));
      const refused = coOrganiserIds.filter((coId) => !trainers.has(coId));
      if (refused.length) errors.coOrganiserIds = fieldError('coOrganiserIds', 'not_an_active_trainer', { values: refused });
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }
}
