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
import { emailKey, type ParticipantInput } from './participant-input.js';
import { ParticipantsRepository, type ListedPerson } from './participants.repository.js';

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

    const keyed: Array<{ ord: number; emailKey: string | null; userId: string | null }> = [];
    const unkeyed: Array<ListedPerson & { ord: number }> = [];
    const listed = new Map<number, ListedPerson>();
    inputs.forEach((input, ord) => {
      if (isAccount(input)) {
        keyed.push({ ord, emailKey: null, userId: input.userId });
        return;
      }
      const key = input.email ? emailKey(input.email) : '';
      const person: ListedPerson = {
        id: randomUUID(),
        fullName: input.fullName,
        email: key ? input.email!.trim() : null,
        emailKey: key || null,
        memberState: input.memberState,
        institution: input.institution,
        agencyType: input.agencyType,
        gender: input.gender,
      };
      listed.set(ord, person);
      if (key) keyed.push({ ord, emailKey: key, userId: null });
      else unkeyed.push({ ...person, ord });
    });

    const participantOf = new Map<number, string>();
    const linked = new Set<string>();
    const detailsChanged = new Set<string>();

    if (keyed.length) {
      const userIds = [...new Set(keyed.flatMap((k) => (k.userId ? [k.userId] : [])))];
      const keys = [...new Set(keyed.flatMap((k) => (k.emailKey ? [k.emailKey] : [])))];
      await this.participants.ensureAccountRows(userIds, keys, manager);
      let resolved = await this.participants.resolve(keyed, manager);
      const unknownAccounts = resolved.filter((r) => !r.participantId && isAccount(inputs[r.ord]!));
      if (unknownAccounts.length) {
        throw new ValidationError(
          Object.fromEntries(
            unknownAccounts.map((r) => [`participants.${r.ord}.userId`, fieldError(`participants.${r.ord}.userId`, 'unknown_user')]),
          ),
        );
      }
      // People known only by this email so far: a new row per key (the last input's details).
      const fresh = new Map<string, ListedPerson>();
      for (const r of resolved) if (!r.participantId) fresh.set(listed.get(r.ord)!.emailKey!, listed.get(r.ord)!);
      if (fresh.size) {
        await this.participants.insertListed([...fresh.values()], manager);
        // A concurrent transaction may have inserted the same key first: resolve again to find it.
        resolved = await this.participants.resolve(keyed, manager);
      }
      const freshIds = new Set([...fresh.values()].map((p) => p.id));
      const known = new Map<string, ListedPerson>();
      for (const r of resolved) {
        participantOf.set(r.ord, r.participantId!);
        if (r.linked) linked.add(r.participantId!);
        const person = listed.get(r.ord);
        if (person && !r.linked && !freshIds.has(r.participantId!)) known.set(r.participantId!, { ...person, id: r.participantId! });
      }
      for (const id of await this.participants.refreshListed([...known.values()], manager)) detailsChanged.add(id);
    }

    if (unkeyed.length) {
      // The same name and State twice in one list is one person.
      const first = new Map<string, ListedPerson & { ord: number }>();
      const sameAs = new Map<number, number>();
      for (const person of unkeyed) {
        const identity = `${person.fullName.normalize('NFKC').toLowerCase()}\u0000${person.memberState}`;
        const seen = first.get(identity);
        if (seen) sameAs.set(person.ord, seen.ord);
        else first.set(identity, person);
      }
      for (const row of await this.participants.placeUnkeyed(activityId, [...first.values()], manager)) {
        participantOf.set(row.ord, row.participantId);
      }
      for (const [ord, firstOrd] of sameAs) participantOf.set(ord, participantOf.get(firstOrd)!);
    }

    // One place per person; the last input naming them sets the role.
    const roleOf = new Map<string, ParticipantRole>();
    inputs.forEach((input, ord) => roleOf.set(participantOf.get(ord)!, input.role));
    const participantIds = [...roleOf.keys()];
    const existing = new Map((await this.participants.placements(activityId, participantIds, manager)).map((p) => [p.participantId, p]));

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
      await this.participants.setRole(activityParticipantId, role, manager);
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
