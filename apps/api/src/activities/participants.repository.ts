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

export interface ResolvedRow {
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
   * Makes sure each account named by id, or whose email has one of these keys, has its
   * participants row: an unlinked row with the account's email key becomes the account's, else a
   * row is made from the account's details. Safe against a concurrent insert (unique indexes).
   */
  async ensureAccountRows(userIds: string[], keys: string[], manager: EntityManager): Promise<void> {
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
  async resolve(
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
  async insertListed(people: ListedPerson[], manager: EntityManager): Promise<string[]> {
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
  async refreshListed(people: ListedPerson[], manager: EntityManager): Promise<string[]> {
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
   * People without an email: the same name (any case) and State already in this activity is the
   * same person; anyone else gets a new row with the id given. Returns each input's row.
   */
  async placeUnkeyed(
    activityId: string,
    people: Array<ListedPerson & { ord: number }>,
    manager: EntityManager,
  ): Promise<Array<{ ord: number; participantId: string }>> {
    if (!people.length) return [];
    const c = columnsOf(people);
    return query<{ ord: number; participantId: string }>(
      manager,
      sql`WITH i AS (
            SELECT * FROM unnest(${people.map((p) => p.ord)}::int[], ${c.ids}::uuid[], ${c.names}::text[], ${c.states}::text[],
                                 ${c.institutions}::text[], ${c.agencies}::text[]::agency_type[], ${c.genders}::text[]::gender[])
                       AS i(ord, id, full_name, member_state, institution, agency_type, gender)
          ), here AS MATERIALIZED (
            -- This activity's people without email or account: the only ones a name may match.
            SELECT p.id, lower(p.full_name) AS name, p.member_state::text AS member_state, p.created_at
              FROM activity_participants ap JOIN participants p ON p.id = ap.participant_id
             WHERE ap.activity_id = ${activityId} AND p.email_key IS NULL AND p.user_id IS NULL
          ), matched AS (
            SELECT DISTINCT ON (i.ord) i.ord, h.id
              FROM i JOIN here h ON h.name = lower(i.full_name) AND h.member_state = i.member_state
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

  /** The places these people already have in the activity. */
  async placements(activityId: string, participantIds: string[], manager: EntityManager): Promise<PlacementRow[]> {
    return query<PlacementRow>(
      manager,
      sql`SELECT id, participant_id AS "participantId", role FROM activity_participants
           WHERE activity_id = ${activityId} AND participant_id = ANY(${participantIds}::uuid[])`,
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

  async setRole(id: string, role: ParticipantRole, manager: EntityManager): Promise<void> {
    await query(manager, sql`UPDATE activity_participants SET role = ${role} WHERE id = ${id}`);
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
