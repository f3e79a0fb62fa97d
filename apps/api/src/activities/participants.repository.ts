import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AgencyType, Gender, ParticipantRole } from '@ctlp/contracts';
import { allOf, query, sql } from '../common/sql.js';

/** The email key of an account, as participants.email_key holds it (participant-input.ts's emailKey in SQL). */
const USER_KEY = sql`lower(normalize(btrim(u.email), NFKC))`;

/** A person as a list gives them, with the id a new participants row would take. */
export interface ListedPerson {
  id: string;
  fullName: string;
  email: string | null;
  emailKey: string | null;
  memberState: string;
  institution: string | null;
  agencyType: AgencyType | null;
  gender: Gender | null;
}

/**
 * Someone to find or make the participants row of: an account by id, or a person as a list gives
 * them (with or without an email). A person without an email is looked for in `activityId`.
 */
export interface PersonToMatch {
  ord: number;
  activityId: string;
  userId: string | null;
  person: ListedPerson | null;
}

export interface MatchedPerson {
  ord: number;
  /** Null only for an account id that names no account. */
  participantId: string | null;
  /** The row is an account's. */
  linked: boolean;
  /** A person known before, without an account, whose details this input changed. */
  detailsChanged: boolean;
}

interface ResolvedRow {
  ord: number;
  participantId: string | null;
  linked: boolean;
}

export interface PlacementRow {
  id: string;
  participantId: string;
  role: ParticipantRole;
}

export interface ActivityParticipantRow {
  id: string;
  participantId: string;
  userId: string | null;
  fullName: string;
  email: string | null;
  memberState: string;
  institution: string | null;
  agencyType: AgencyType | null;
  gender: Gender | null;
  role: ParticipantRole;
  completed: boolean;
  attendance: Array<{ day: string; present: boolean }>;
}

export interface CandidateRow {
  userId: string;
  fullName: string;
  email: string;
  memberState: string;
  institution: string;
  alreadyAdded: boolean;
}

function columnsOf(people: ListedPerson[]) {
  return {
    ids: people.map((p) => p.id),
    names: people.map((p) => p.fullName),
    emails: people.map((p) => p.email),
    keys: people.map((p) => p.emailKey),
    states: people.map((p) => p.memberState),
    institutions: people.map((p) => p.institution),
    agencies: people.map((p) => p.agencyType),
    genders: people.map((p) => p.gender),
  };
}

/**
 * Every statement about participants (one row per person) and their places in activities. The
 * writes take arrays and run one statement per step, however many people an import brings.
 */
@Injectable()
export class ParticipantsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Who is who, for any number of people at once and in a fixed number of statements: the one home
   * of the matching rule, which ParticipantsService.add and the historical import both use.
   * - One person per email key (participant-input.ts's emailKey): the row with the key, else the
   *   row of the account with that email.
   * - An account's row first: every account named, by id or by its email's key, gets its row before
   *   anyone is resolved (an unlinked row with the account's key becomes the account's).
   * - A key nobody has yet gets a new row with the details of the last input giving it; when a
   *   concurrent transaction inserted the key first, its row is the person.
   * - A known listed person (no account: an account's details are the person's own) takes the
   *   details of the last input naming them, keeping what that input leaves empty (refreshListed).
   * - Without an email, the same name (any case) and State already in the input's activity, or
   *   earlier in these inputs for the same activity, is the same person; anyone else is new.
   * One result per input, in input order; participantId is null only for an account id that names
   * no account.
   */
  async matchPeople(inputs: PersonToMatch[], manager: EntityManager): Promise<MatchedPerson[]> {
    // Each account and each email key once, whatever the number of inputs naming it.
    const identityOf = (input: PersonToMatch) =>
      input.userId ? `user:${input.userId}` : input.person?.emailKey ? `key:${input.person.emailKey}` : undefined;
    const identities = new Map<string, { ord: number; emailKey: string | null; userId: string | null }>();
    const lastListed = new Map<string, ListedPerson>();
    const unkeyed = new Map<string, PersonToMatch>();
    const sameAs = new Map<number, number>();
    for (const input of inputs) {
      const identity = identityOf(input);
      if (identity) {
        if (!identities.has(identity)) {
          identities.set(identity, { ord: identities.size, emailKey: input.userId ? null : input.person!.emailKey, userId: input.userId });
        }
        if (!input.userId) lastListed.set(identity, input.person!);
        continue;
      }
      const person = input.person!;
      const seen = `${input.activityId}\u0000${person.fullName.normalize('NFKC').toLowerCase()}\u0000${person.memberState}`;
      const first = unkeyed.get(seen);
      if (first) sameAs.set(input.ord, first.ord);
      else unkeyed.set(seen, input);
    }

    const matched = new Map<string, Omit<MatchedPerson, 'ord'>>();
    if (identities.size) {
      const names = [...identities.keys()];
      const keyed = [...identities.values()];
      await this.ensureAccountRows(
        keyed.flatMap((k) => (k.userId ? [k.userId] : [])),
        keyed.flatMap((k) => (k.emailKey ? [k.emailKey] : [])),
        manager,
      );
      let resolved = await this.resolve(keyed, manager);
      const fresh = resolved.filter((r) => !r.participantId && keyed[r.ord]!.emailKey).map((r) => lastListed.get(names[r.ord]!)!);
      if (fresh.length) {
        await this.insertListed(fresh, manager);
        // A concurrent transaction may have inserted one of these keys first: resolve again to find it.
        resolved = await this.resolve(keyed, manager);
      }
      const freshIds = new Set(fresh.map((p) => p.id));
      const known = resolved
        .filter((r) => r.participantId && !r.linked && !freshIds.has(r.participantId) && lastListed.has(names[r.ord]!))
        .map((r) => ({ ...lastListed.get(names[r.ord]!)!, id: r.participantId! }));
      const changed = new Set(await this.refreshListed(known, manager));
      for (const r of resolved) {
        matched.set(names[r.ord]!, {
          participantId: r.participantId,
          linked: r.linked,
          detailsChanged: r.participantId !== null && changed.has(r.participantId),
        });
      }
    }
    const unkeyedOf = new Map<number, string>();
    for (const row of await this.placeUnkeyed([...unkeyed.values()], manager)) unkeyedOf.set(row.ord, row.participantId);
    for (const [ord, firstOrd] of sameAs) unkeyedOf.set(ord, unkeyedOf.get(firstOrd)!);

    return inputs.map((input) => {
      const identity = identityOf(input);
      if (identity) return { ord: input.ord, ...matched.get(identity)! };
      return { ord: input.ord, participantId: unkeyedOf.get(input.ord)!, linked: false, detailsChanged: false };
    });
  }

  /**
   * Makes sure each account named by id, or whose email has one of these keys, has its
   * participants row: an unlinked row with the account's email key becomes the account's, else a
   * row is made from the account's details. Safe against a concurrent insert (unique indexes).
   */
  private async ensureAccountRows(userIds: string[], keys: string[], manager: EntityManager): Promise<void> {
    if (!userIds.length && !keys.length) return;
    await query(
      manager,
      sql`WITH accounts AS (
            SELECT u.id, u.email, ${USER_KEY} AS key, u.full_name, u.member_state, u.institution, u.agency_type, u.gender
              FROM users u WHERE ${USER_KEY} = ANY(${keys}::text[])
            UNION
            SELECT u.id, u.email, ${USER_KEY}, u.full_name, u.member_state, u.institution, u.agency_type, u.gender
              FROM users u WHERE u.id = ANY(${userIds}::uuid[])
          ), missing AS (
            SELECT * FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.user_id = a.id)
          ), linked AS (
            UPDATE participants p SET user_id = m.id, updated_at = now()
              FROM missing m WHERE p.email_key = m.key AND p.user_id IS NULL
            RETURNING p.user_id
          )
          INSERT INTO participants (user_id, full_name, email, email_key, member_state, institution, agency_type, gender)
          SELECT m.id, m.full_name, m.email,
                 CASE WHEN EXISTS (SELECT 1 FROM participants p WHERE p.email_key = m.key) THEN NULL ELSE m.key END,
                 m.member_state, m.institution, m.agency_type, m.gender
            FROM missing m WHERE NOT EXISTS (SELECT 1 FROM linked l WHERE l.user_id = m.id)
          ON CONFLICT DO NOTHING`,
    );
  }

  /**
   * The participants row of each input: by account id, else by email key, else the row of the
   * account with that email. Null where there is none yet.
   */
  private async resolve(
    inputs: Array<{ ord: number; emailKey: string | null; userId: string | null }>,
    manager: EntityManager,
  ): Promise<ResolvedRow[]> {
    if (!inputs.length) return [];
    const keys = [...new Set(inputs.flatMap((i) => (i.emailKey && !i.userId ? [i.emailKey] : [])))];
    // Joins, not an OR per row, so each side is one hash or index lookup however many inputs.
    return query<ResolvedRow>(
      manager,
      sql`WITH i AS (
            SELECT * FROM unnest(${inputs.map((i) => i.ord)}::int[], ${inputs.map((i) => i.emailKey)}::text[],
                                 ${inputs.map((i) => i.userId)}::uuid[]) AS i(ord, key, user_id)
          ), accounts AS (
            SELECT DISTINCT ON (key) u.id, ${USER_KEY} AS key FROM users u
             WHERE ${USER_KEY} = ANY(${keys}::text[]) ORDER BY key, u.created_at, u.id
          ), chosen AS (
            SELECT i.ord,
                   CASE WHEN pu.id IS NOT NULL THEN pu.id WHEN pk.id IS NOT NULL THEN pk.id ELSE pa.id END AS id,
                   CASE WHEN pu.id IS NOT NULL THEN pu.user_id WHEN pk.id IS NOT NULL THEN pk.user_id ELSE pa.user_id END AS user_id
              FROM i
              LEFT JOIN participants pu ON i.user_id IS NOT NULL AND pu.user_id = i.user_id
              LEFT JOIN participants pk ON i.user_id IS NULL AND pk.email_key = i.key
              LEFT JOIN accounts a ON i.user_id IS NULL AND a.key = i.key
              LEFT JOIN participants pa ON pa.user_id = a.id
          )
          SELECT ord, id AS "participantId", (user_id IS NOT NULL) AS linked FROM chosen ORDER BY ord`,
    );
  }

  /** New rows for people known by email only; returns the ids inserted (a concurrent insert of the same key wins). */
  private async insertListed(people: ListedPerson[], manager: EntityManager): Promise<string[]> {
    if (!people.length) return [];
    const c = columnsOf(people);
    const rows = await query<{ id: string }>(
      manager,
      sql`INSERT INTO participants (id, full_name, email, email_key, member_state, institution, agency_type, gender)
          SELECT * FROM unnest(${c.ids}::uuid[], ${c.names}::text[], ${c.emails}::text[], ${c.keys}::text[], ${c.states}::text[],
                               ${c.institutions}::text[], ${c.agencies}::text[]::agency_type[], ${c.genders}::text[]::gender[])
          ON CONFLICT DO NOTHING RETURNING id`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * What a newer list says of people it already knew (rows without an account: an account's
   * details are the person's own). A missing institution, agency or gender keeps the known one;
   * the email as first given stays (the key, not its spelling, is the person).
   * Returns the ids that changed.
   */
  private async refreshListed(people: ListedPerson[], manager: EntityManager): Promise<string[]> {
    if (!people.length) return [];
    const c = columnsOf(people);
    const rows = await query<{ id: string }>(
      manager,
      sql`WITH i AS (
            SELECT * FROM unnest(${c.ids}::uuid[], ${c.names}::text[], ${c.emails}::text[], ${c.states}::text[],
                                 ${c.institutions}::text[], ${c.agencies}::text[]::agency_type[], ${c.genders}::text[]::gender[])
                       AS i(id, full_name, email, member_state, institution, agency_type, gender)
          ), changed AS (
            UPDATE participants p
               SET full_name = i.full_name, email = coalesce(p.email, i.email), member_state = i.member_state,
                   institution = coalesce(i.institution, p.institution), agency_type = coalesce(i.agency_type, p.agency_type),
                   gender = coalesce(i.gender, p.gender), updated_at = now()
              FROM i
             WHERE p.id = i.id AND p.user_id IS NULL
               AND (p.full_name, p.email, p.member_state, p.institution, p.agency_type, p.gender)
                   IS DISTINCT FROM (i.full_name, coalesce(p.email, i.email), i.member_state::bpchar, coalesce(i.institution, p.institution),
                                     coalesce(i.agency_type, p.agency_type), coalesce(i.gender, p.gender))
            RETURNING p.id
          )
          SELECT id FROM changed`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * People without an email (each once per activity): the same name (any case) and State already
   * in the input's activity is the same person; anyone else gets a new row with the id given.
   * Returns each input's row.
   */
  private async placeUnkeyed(inputs: PersonToMatch[], manager: EntityManager): Promise<Array<{ ord: number; participantId: string }>> {
    if (!inputs.length) return [];
    const people = inputs.map((input) => input.person!);
    const c = columnsOf(people);
    const activityIds = [...new Set(inputs.map((input) => input.activityId))];
    return query<{ ord: number; participantId: string }>(
      manager,
      sql`WITH i AS (
            SELECT * FROM unnest(${inputs.map((input) => input.ord)}::int[], ${inputs.map((input) => input.activityId)}::uuid[],
                                 ${c.ids}::uuid[], ${c.names}::text[], ${c.states}::text[],
                                 ${c.institutions}::text[], ${c.agencies}::text[]::agency_type[], ${c.genders}::text[]::gender[])
                       AS i(ord, activity_id, id, full_name, member_state, institution, agency_type, gender)
          ), here AS MATERIALIZED (
            -- These activities' people without email or account: the only ones a name may match.
            SELECT ap.activity_id, p.id, lower(p.full_name) AS name, p.member_state::text AS member_state, p.created_at
              FROM activity_participants ap JOIN participants p ON p.id = ap.participant_id
             WHERE ap.activity_id = ANY(${activityIds}::uuid[]) AND p.email_key IS NULL AND p.user_id IS NULL
          ), matched AS (
            SELECT DISTINCT ON (i.ord) i.ord, h.id
              FROM i JOIN here h ON h.activity_id = i.activity_id AND h.name = lower(i.full_name) AND h.member_state = i.member_state
             ORDER BY i.ord, h.created_at, h.id
          ), inserted AS (
            INSERT INTO participants (id, full_name, member_state, institution, agency_type, gender)
            SELECT i.id, i.full_name, i.member_state, i.institution, i.agency_type, i.gender
              FROM i WHERE NOT EXISTS (SELECT 1 FROM matched m WHERE m.ord = i.ord)
            RETURNING id
          )
          SELECT i.ord, coalesce(m.id, i.id) AS "participantId" FROM i LEFT JOIN matched m ON m.ord = i.ord ORDER BY i.ord`,
    );
  }

  /** The places these people already have in these activities (a pair each). */
  async placements(
    pairs: Array<{ activityId: string; participantId: string }>,
    manager: EntityManager,
  ): Promise<Array<PlacementRow & { activityId: string }>> {
    if (!pairs.length) return [];
    return query<PlacementRow & { activityId: string }>(
      manager,
      sql`SELECT ap.id, ap.activity_id AS "activityId", ap.participant_id AS "participantId", ap.role
            FROM unnest(${pairs.map((p) => p.activityId)}::uuid[], ${pairs.map((p) => p.participantId)}::uuid[]) AS i(activity_id, participant_id)
            JOIN activity_participants ap ON ap.activity_id = i.activity_id AND ap.participant_id = i.participant_id`,
    );
  }

  /** How many places of role participant the activity's capacity counts now. */
  async seatsTaken(activityId: string, manager: EntityManager): Promise<number> {
    const [row] = await query<{ taken: number }>(
      manager,
      sql`SELECT count(*)::int AS taken FROM activity_participants WHERE activity_id = ${activityId} AND role = 'participant'`,
    );
    return row!.taken;
  }

  /** Places the people (new ones) or changes their role; returns the rows written. */
  async upsertPlacements(
    activityId: string,
    places: Array<{ participantId: string; role: ParticipantRole }>,
    manager: EntityManager,
  ): Promise<PlacementRow[]> {
    if (!places.length) return [];
    return query<PlacementRow>(
      manager,
      sql`WITH written AS (
            INSERT INTO activity_participants (activity_id, participant_id, role)
            SELECT ${activityId}, i.participant_id, i.role
              FROM unnest(${places.map((p) => p.participantId)}::uuid[], ${places.map((p) => p.role)}::text[]::participant_role[])
                   AS i(participant_id, role)
            ON CONFLICT (activity_id, participant_id) DO UPDATE SET role = EXCLUDED.role
              WHERE activity_participants.role IS DISTINCT FROM EXCLUDED.role
            RETURNING id, participant_id AS "participantId", role
          )
          SELECT * FROM written`,
    );
  }

  /** The account's place in the activity, if it has one. */
  async placementOfUser(activityId: string, userId: string, manager: EntityManager): Promise<PlacementRow | undefined> {
    const [row] = await query<PlacementRow>(
      manager,
      sql`SELECT ap.id, ap.participant_id AS "participantId", ap.role
            FROM participants p JOIN activity_participants ap ON ap.participant_id = p.id AND ap.activity_id = ${activityId}
           WHERE p.user_id = ${userId}`,
    );
    return row;
  }

  /** Of these ids, the accounts that are active. */
  async activeUsers(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await query<{ id: string }>(manager, sql`SELECT id FROM users WHERE id = ANY(${userIds}::uuid[]) AND status = 'active'`);
    return rows.map((row) => row.id);
  }

  /**
   * A page of the activity's people with their attendance; an account's details where the person
   * has one (the list's otherwise).
   */
  async list(
    activityId: string,
    filters: { q?: string; placementId?: string; limit: number; offset: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: ActivityParticipantRow[]; total: number }> {
    const conditions = [sql`ap.activity_id = ${activityId}`];
    if (filters.placementId) conditions.push(sql`ap.id = ${filters.placementId}`);
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql`(coalesce(u.full_name, p.full_name) ILIKE ${pattern} OR coalesce(u.email, p.email) ILIKE ${pattern})`);
    }
    const where = allOf(conditions);
    const from = sql`FROM activity_participants ap JOIN participants p ON p.id = ap.participant_id LEFT JOIN users u ON u.id = p.user_id`;
    const rows = await query<ActivityParticipantRow & { total: string }>(
      manager,
      sql`SELECT ap.id, p.id AS "participantId", p.user_id AS "userId",
                 coalesce(u.full_name, p.full_name) AS "fullName", coalesce(u.email, p.email) AS email,
                 coalesce(u.member_state, p.member_state) AS "memberState", coalesce(u.institution, p.institution) AS institution,
                 coalesce(u.agency_type, p.agency_type) AS "agencyType", coalesce(u.gender, p.gender) AS gender,
                 ap.role, ap.completed,
                 coalesce((SELECT json_agg(json_build_object('day', t.day, 'present', t.present) ORDER BY t.day)
                             FROM activity_attendance t WHERE t.activity_participant_id = ap.id), '[]') AS attendance,
                 count(*) OVER () AS total
            ${from} WHERE ${where}
           ORDER BY lower(coalesce(u.full_name, p.full_name)), ap.id
           LIMIT ${filters.limit} OFFSET ${filters.offset}`,
    );
    if (rows.length) return { rows: rows.map(({ total: _, ...row }) => row), total: Number(rows[0]!.total) };
    if (filters.offset === 0) return { rows: [], total: 0 };
    const [counted] = await query<{ total: number }>(manager, sql`SELECT count(*)::int AS total ${from} WHERE ${where}`);
    return { rows: [], total: counted!.total };
  }

  /** Removes a place (its attendance goes with it); false when it is not in this activity. */
  async remove(activityId: string, id: string, manager: EntityManager): Promise<PlacementRow | undefined> {
    const [row] = await query<PlacementRow>(
      manager,
      sql`WITH gone AS (DELETE FROM activity_participants WHERE id = ${id} AND activity_id = ${activityId}
                        RETURNING id, participant_id AS "participantId", role)
          SELECT * FROM gone`,
    );
    return row;
  }

  /** The place, locked, if it is in this activity. */
  async lockPlacement(activityId: string, id: string, manager: EntityManager): Promise<PlacementRow | undefined> {
    const [row] = await query<PlacementRow>(
      manager,
      sql`SELECT id, participant_id AS "participantId", role FROM activity_participants
           WHERE id = ${id} AND activity_id = ${activityId} FOR UPDATE`,
    );
    return row;
  }

  /** New roles for these places, in one statement. */
  async setRoles(places: Array<{ id: string; role: ParticipantRole }>, manager: EntityManager): Promise<void> {
    if (!places.length) return;
    await query(
      manager,
      sql`UPDATE activity_participants ap SET role = i.role
            FROM unnest(${places.map((p) => p.id)}::uuid[], ${places.map((p) => p.role)}::text[]::participant_role[]) AS i(id, role)
           WHERE ap.id = i.id AND ap.role IS DISTINCT FROM i.role`,
    );
  }

  /** Active officials whose name or email contains the words, and whether each is already placed. */
  async candidates(activityId: string, q: string, manager: EntityManager = this.dataSource.manager): Promise<CandidateRow[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return query<CandidateRow>(
      manager,
      sql`SELECT u.id AS "userId", u.full_name AS "fullName", u.email, u.member_state AS "memberState", u.institution,
                 EXISTS (SELECT 1 FROM participants p JOIN activity_participants ap ON ap.participant_id = p.id
                          WHERE p.user_id = u.id AND ap.activity_id = ${activityId}) AS "alreadyAdded"
            FROM users u
           WHERE u.status = 'active' AND (u.full_name ILIKE ${pattern} OR u.email ILIKE ${pattern})
           ORDER BY (lower(u.email) = lower(${q})) DESC, u.full_name, u.id
           LIMIT 20`,
    );
  }
}
