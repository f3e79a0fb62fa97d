import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ParticipantRole } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import type { FieldError } from '@ctlp/contracts';
import { ActivitiesRepository } from './activities.repository.js';
import { activityDays, toActivityParticipantDto } from './activity-dto.js';
import type {
  ActivityParticipantDto,
  ActivityParticipantListDto,
  AddParticipantsDto,
  ParticipantCandidateListDto,
  ParticipantListQueryDto,
} from './dto/participant.dto.js';
import { listedPerson, type ParticipantInput } from './participant-input.js';
import { ParticipantsRepository } from './participants.repository.js';

/** A registered official to place, by account. */
export interface AccountInput {
  userId: string;
  role: ParticipantRole;
}

export interface AddOutcome {
  /** The person's place in this activity (attendance and certificates take it). */
  activityParticipantId: string;
  /** The person, one row however many activities they attend. */
  participantId: string;
  /** added: newly placed; updated: was placed, and their role or listed details changed; unchanged: nothing to do. */
  outcome: 'added' | 'updated' | 'unchanged';
  /** The person has an account (placed by it, or matched by email). */
  matchedAccount: boolean;
}

const isAccount = (input: ParticipantInput | AccountInput): input is AccountInput => 'userId' in input;
const LIST_FIELDS = ['fullName', 'email', 'memberState', 'institution', 'agencyType', 'gender'] as const;

/** Who takes part in an activity: adding people by list or by account, their roles, removing them. */
@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly participants: ParticipantsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Places people in an activity, in the caller's transaction (the caller decided who may, and
   * validated the inputs: Member States known). One person per email: an input matches the
   * participants row with its email key, or the account with that email (then the row is the
   * account's); a person linked to an account keeps the account's details. People without an
   * email match by name and State among this activity's people only, so a re-imported list adds
   * nobody twice. Set-based — a fixed number of statements whatever the count — because imports
   * pass thousands. The activity is locked FOR UPDATE, so its capacity (places of role
   * participant) holds under racing additions: 409 activity_full; a closed one: 409
   * activity_closed; an unknown account: 400 `participants.<i>.userId` unknown_user. The same
   * person twice in `inputs` takes the last one's role. One outcome per input, in order.
   */
  async add(manager: EntityManager, activityId: string, inputs: Array<ParticipantInput | AccountInput>): Promise<AddOutcome[]> {
    const activity = await this.activities.lock(activityId, 'update', manager);
    if (!activity) throw new NotFoundError('activity');
    if (activity.status === 'closed') throw new AppError('activity_closed');
    if (!inputs.length) return [];

    const matched = await this.participants.matchPeople(
      inputs.map((input, ord) =>
        isAccount(input)
          ? { ord, activityId, userId: input.userId, person: null }
          : { ord, activityId, userId: null, person: listedPerson(input, randomUUID()) },
      ),
      manager,
    );
    const unknownAccounts = matched.filter((m) => !m.participantId);
    if (unknownAccounts.length) {
      throw new ValidationError(
        Object.fromEntries(
          unknownAccounts.map((m) => [`participants.${m.ord}.userId`, fieldError(`participants.${m.ord}.userId`, 'unknown_user')]),
        ),
      );
    }
    const participantOf = new Map(matched.map((m) => [m.ord, m.participantId!]));
    const linked = new Set(matched.flatMap((m) => (m.linked ? [m.participantId!] : [])));
    const detailsChanged = new Set(matched.flatMap((m) => (m.detailsChanged ? [m.participantId!] : [])));

    // One place per person; the last input naming them sets the role.
    const roleOf = new Map<string, ParticipantRole>();
    inputs.forEach((input, ord) => roleOf.set(participantOf.get(ord)!, input.role));
    const participantIds = [...roleOf.keys()];
    const existing = new Map(
      (
        await this.participants.placements(
          participantIds.map((participantId) => ({ activityId, participantId })),
          manager,
        )
      ).map((p) => [p.participantId, p]),
    );

    if (activity.capacity !== null) {
      let seats = await this.participants.seatsTaken(activityId, manager);
      for (const [participantId, role] of roleOf) {
        const before = existing.get(participantId)?.role;
        seats += (role === 'participant' ? 1 : 0) - (before === 'participant' ? 1 : 0);
      }
      const grows = [...roleOf].some(([id, role]) => role === 'participant' && existing.get(id)?.role !== 'participant');
      if (grows && seats > activity.capacity) throw new AppError('activity_full', { params: { capacity: activity.capacity } });
    }

    const written = await this.participants.upsertPlacements(
      activityId,
      [...roleOf].filter(([id, role]) => existing.get(id)?.role !== role).map(([participantId, role]) => ({ participantId, role })),
      manager,
    );
    const placeOf = new Map([...existing.values(), ...written].map((p) => [p.participantId, p.id]));
    const roleChanged = new Set(written.filter((p) => existing.has(p.participantId)).map((p) => p.participantId));

    return inputs.map((_, ord) => {
      const participantId = participantOf.get(ord)!;
      const outcome = !existing.has(participantId)
        ? 'added'
        : roleChanged.has(participantId) || detailsChanged.has(participantId)
          ? 'updated'
          : 'unchanged';
      return {
        activityParticipantId: placeOf.get(participantId)!,
        participantId,
        outcome,
        matchedAccount: linked.has(participantId) || isAccount(inputs[ord]!),
      };
    });
  }

  /**
   * The account's place in the activity, adding them with role participant when they have none
   * (a self check-in). An existing place keeps its role. Same locks and refusals as add().
   */
  async findOrAddUser(manager: EntityManager, activityId: string, userId: string): Promise<AddOutcome> {
    const activity = await this.activities.lock(activityId, 'update', manager);
    if (!activity) throw new NotFoundError('activity');
    const placed = await this.participants.placementOfUser(activityId, userId, manager);
    if (placed) {
      if (activity.status === 'closed') throw new AppError('activity_closed');
      return { activityParticipantId: placed.id, participantId: placed.participantId, outcome: 'unchanged', matchedAccount: true };
    }
    const [outcome] = await this.add(manager, activityId, [{ userId, role: 'participant' }]);
    return outcome!;
  }

  /** POST /activities/:id/participants: organisers and admins; the inputs checked, each bad field named. */
  async addFromRequest(user: SessionUser, activityId: string, dto: AddParticipantsDto): Promise<AddOutcome[]> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.lockManageable(user, activityId, 'update', manager);
      if (!activity) throw new NotFoundError('activity');
      const errors: Record<string, FieldError> = {};
      const inputs: Array<ParticipantInput | AccountInput> = dto.participants.map((item, index) => {
        const role = item.role ?? 'participant';
        if (item.userId !== undefined) {
          for (const field of LIST_FIELDS) {
            if (item[field] !== undefined)
              errors[`participants.${index}.${field}`] = fieldError(`participants.${index}.${field}`, 'unknown_property');
          }
          return { userId: item.userId, role };
        }
        return {
          fullName: item.fullName!,
          email: item.email || null,
          memberState: item.memberState!,
          institution: item.institution || null,
          agencyType: item.agencyType ?? null,
          gender: item.gender ?? null,
          role,
        };
      });
      const states = [...new Set(inputs.flatMap((input) => ('memberState' in input ? [input.memberState] : [])))];
      const known = new Set(await this.activities.knownStates(states, manager));
      inputs.forEach((input, index) => {
        if ('memberState' in input && !known.has(input.memberState)) {
          errors[`participants.${index}.memberState`] = fieldError(`participants.${index}.memberState`, 'unknown_member_state');
        }
      });
      const userIds = [...new Set(inputs.flatMap((input) => (isAccount(input) ? [input.userId] : [])))];
      const active = new Set(await this.participants.activeUsers(userIds, manager));
      inputs.forEach((input, index) => {
        if (isAccount(input) && !active.has(input.userId)) {
          errors[`participants.${index}.userId`] = fieldError(`participants.${index}.userId`, 'unknown_user');
        }
      });
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const outcomes = await this.add(manager, activityId, inputs);
      const count = (kind: AddOutcome['outcome']) => outcomes.filter((o) => o.outcome === kind).length;
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'activity.participants_added',
        subjectType: 'activity',
        subjectId: activityId,
        data: { added: count('added'), updated: count('updated'), unchanged: count('unchanged') },
      });
      return outcomes;
    });
  }

  /** The activity's people with their attendance, for those who may read the activity. */
  async list(user: SessionUser, activityId: string, filters: ParticipantListQueryDto): Promise<ActivityParticipantListDto> {
    const activity = await this.activities.view(user, activityId);
    if (!activity) throw new NotFoundError('activity');
    const { rows, total } = await this.participants.list(activityId, filters);
    return { items: rows.map(toActivityParticipantDto), total, days: activityDays(activity.startsOn, activity.endsOn) };
  }

  async remove(user: SessionUser, activityId: string, activityParticipantId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.lockManageable(user, activityId, 'update', manager);
      if (!activity) throw new NotFoundError('activity');
      if (activity.status === 'closed') throw new AppError('activity_closed');
      const removed = await this.participants.remove(activityId, activityParticipantId, manager);
      if (!removed) throw new NotFoundError('participant');
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'activity.participant_removed',
        subjectType: 'activity',
        subjectId: activityId,
        data: { participantId: removed.participantId, role: removed.role },
      });
    });
  }

  async setRole(
    user: SessionUser,
    activityId: string,
    activityParticipantId: string,
    role: ParticipantRole,
  ): Promise<ActivityParticipantDto> {
    await this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.lockManageable(user, activityId, 'update', manager);
      if (!activity) throw new NotFoundError('activity');
      if (activity.status === 'closed') throw new AppError('activity_closed');
      const place = await this.participants.lockPlacement(activityId, activityParticipantId, manager);
      if (!place) throw new NotFoundError('participant');
      if (place.role === role) return;
      if (
        role === 'participant' &&
        activity.capacity !== null &&
        (await this.participants.seatsTaken(activityId, manager)) >= activity.capacity
      ) {
        throw new AppError('activity_full', { params: { capacity: activity.capacity } });
      }
      await this.participants.setRoles([{ id: activityParticipantId, role }], manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'activity.participant_role_changed',
        subjectType: 'activity',
        subjectId: activityId,
        data: { participantId: place.participantId, from: place.role, to: role },
      });
    });
    const { rows } = await this.participants.list(activityId, { limit: 1, offset: 0, placementId: activityParticipantId });
    return toActivityParticipantDto(rows[0]!);
  }

  /** Active officials to add by search; organisers and admins of the activity only. */
  async candidates(user: SessionUser, activityId: string, q: string): Promise<ParticipantCandidateListDto> {
    const activity = await this.activities.view(user, activityId);
    if (!activity?.canManage) throw new NotFoundError('activity');
    const rows = await this.participants.candidates(activityId, q);
    return { items: rows.map((row) => ({ ...row, memberState: row.memberState.trim() })), total: rows.length };
  }
}
