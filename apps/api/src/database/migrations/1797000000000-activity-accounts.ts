import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Completion's rule as one SQL function (the statements that record attendance and the account
 * merge below both use it), and the trigger that links a person known from attendance lists to
 * their account: when a user is created or their email changes, the participants row with that
 * email key and no account becomes theirs; if the account already has its own row, the two are
 * merged (one place per activity, attendance of both kept, completion recomputed). A trigger,
 * because accounts are created in several places (registration, admin, seeds, tests) and none
 * may forget it.
 */
export class ActivityAccounts1797000000000 implements MigrationInterface {
  name = 'ActivityAccounts1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION activity_required_days(starts_on date, ends_on date, required_attendance integer) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN required_attendance <= 0 THEN 1
                    ELSE ceil(required_attendance * (ends_on - starts_on + 1) / 100.0)::integer END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION link_participant_account() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        key text := lower(normalize(btrim(NEW.email), NFKC));
        orphan uuid;
        own uuid;
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.email IS NOT DISTINCT FROM NEW.email THEN
          RETURN NULL;
        END IF;
        SELECT id INTO orphan FROM participants WHERE email_key = key AND user_id IS NULL FOR UPDATE;
        IF orphan IS NULL THEN
          RETURN NULL;
        END IF;
        SELECT id INTO own FROM participants WHERE user_id = NEW.id FOR UPDATE;
        IF own IS NULL THEN
          UPDATE participants SET user_id = NEW.id, updated_at = now() WHERE id = orphan;
          RETURN NULL;
        END IF;

        -- Activities both rows are in: the account's place stays and takes the other's marks
        -- (present on a day if either says so).
        INSERT INTO activity_attendance AS t (activity_participant_id, day, present, source, recorded_by, recorded_at)
        SELECT mine.id, theirs_t.day, theirs_t.present, theirs_t.source, theirs_t.recorded_by, theirs_t.recorded_at
          FROM activity_participants theirs
          JOIN activity_participants mine ON mine.activity_id = theirs.activity_id AND mine.participant_id = own
          JOIN activity_attendance theirs_t ON theirs_t.activity_participant_id = theirs.id
         WHERE theirs.participant_id = orphan
        ON CONFLICT (activity_participant_id, day) DO UPDATE SET present = true
          WHERE EXCLUDED.present AND NOT t.present;
        UPDATE activity_participants mine
           SET completed = (SELECT count(*) FROM activity_attendance t WHERE t.activity_participant_id = mine.id AND t.present)
                           >= activity_required_days(a.starts_on, a.ends_on, a.required_attendance)
          FROM activities a
         WHERE mine.participant_id = own AND a.id = mine.activity_id
           AND EXISTS (SELECT 1 FROM activity_participants theirs WHERE theirs.participant_id = orphan AND theirs.activity_id = mine.activity_id);
        DELETE FROM activity_participants theirs
         WHERE theirs.participant_id = orphan
           AND EXISTS (SELECT 1 FROM activity_participants mine WHERE mine.participant_id = own AND mine.activity_id = theirs.activity_id);
        -- The other activities move to the account's row as they are.
        UPDATE activity_participants SET participant_id = own WHERE participant_id = orphan;
        DELETE FROM participants WHERE id = orphan;
        UPDATE participants SET email_key = key, updated_at = now() WHERE id = own AND email_key IS NULL;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_link_participant AFTER INSERT OR UPDATE OF email ON users
      FOR EACH ROW EXECUTE FUNCTION link_participant_account()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_link_participant ON users`);
    await queryRunner.query(`DROP FUNCTION link_participant_account()`);
    await queryRunner.query(`DROP FUNCTION activity_required_days(date, date, integer)`);
  }
}
