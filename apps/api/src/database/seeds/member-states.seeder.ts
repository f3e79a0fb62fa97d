import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@ctlp/contracts';

export const MEMBER_STATES_FILE = path.resolve(import.meta.dirname, '../../../../../seeds/member-states/member-states.json');

interface MemberStateSeed {
  code: string;
  alpha2: string;
  m49: string;
  region: string;
  subregion: string;
  observer: boolean;
  names: Record<Locale, string>;
}

/** Upserts the 195 States from seeds/; a row that already matches is not touched. */
export async function seedMemberStates(manager: EntityManager): Promise<number> {
  const states = JSON.parse(readFileSync(MEMBER_STATES_FILE, 'utf8')) as MemberStateSeed[];
  await manager.query(
    `INSERT INTO member_states (code, alpha2, m49, region, subregion, observer, names)
     SELECT s.code, s.alpha2, s.m49, s.region, s.subregion, s.observer, s.names
       FROM jsonb_to_recordset($1::jsonb)
         AS s(code text, alpha2 text, m49 text, region text, subregion text, observer boolean, names jsonb)
     ON CONFLICT (code) DO UPDATE
        SET alpha2 = EXCLUDED.alpha2, m49 = EXCLUDED.m49, region = EXCLUDED.region,
            subregion = EXCLUDED.subregion, observer = EXCLUDED.observer, names = EXCLUDED.names
      WHERE (member_states.alpha2, member_states.m49, member_states.region, member_states.subregion, member_states.observer, member_states.names)
            IS DISTINCT FROM (EXCLUDED.alpha2, EXCLUDED.m49, EXCLUDED.region, EXCLUDED.subregion, EXCLUDED.observer, EXCLUDED.names)`,
    [JSON.stringify(states)],
  );
  return states.length;
}
