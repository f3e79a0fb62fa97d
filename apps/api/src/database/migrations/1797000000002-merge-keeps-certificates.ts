import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging a listed person into their account (the users trigger) must not fail because a place
 * it drops holds a certificate of participation (certificates refer to the place, ON DELETE
 * RESTRICT): a registration would fail with it. The certificate moves to the place kept. In the
 * one case that cannot be — both places in the same activity hold a certificate — the rows stay
 * apart rather than refuse the account.
 */
export class MergeKeepsCertificates1797000000002 implements MigrationInterface {
  name = 'MergeKeepsCertificates1797000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(linkFunction(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(linkFunction(false));
  }
}

function linkFunction(certificates: boolean): string {
  const moveCertificates = certificates
    ? `
        IF EXISTS (SELECT 1 FROM activity_participants theirs
                     JOIN activity_participants mine ON mine.activity_id = theirs.activity_id AND mine.participant_id = own
                     JOIN certificates ct ON ct.activity_participant_id = theirs.id
                     JOIN certificates cm ON cm.activity_participant_id = mine.id
                    WHERE theirs.participant_id = orphan) THEN
          RETURN NULL;
        END IF;
        UPDATE certificates c SET activity_participant_id = mine.id
          FROM activity_participants theirs
          JOIN activity_participants mine ON mine.activity_id = theirs.activity_id AND mine.participant_id = own
         WHERE theirs.participant_id = orphan AND c.activity_participant_id = theirs.id;`
    : '';
  return `
      CREATE OR REPLACE FUNCTION link_participant_account() RETURNS trigger LANGUAGE plpgsql AS $$
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
${moveCertificates}
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
      $$`;
}
