import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { ValidationError } from '../common/app-error.js';
import { MEMBER_STATES_FILE } from '../database/seeds/member-states.seeder.js';
import {
  ATTENDANCE_LIST_MAX_ROWS,
  attendedDaysOf,
  cellText,
  memberStateMatcher,
  parseAttendanceList,
  readSpreadsheet,
  unzippedSize,
  type MemberStateNames,
} from './attendance-list.js';

const STATES = JSON.parse(readFileSync(MEMBER_STATES_FILE, 'utf8')) as MemberStateNames[];
const memberStateOf = memberStateMatcher(STATES);

const csv = (text: string) => Buffer.from(text, 'utf8');

/** A workbook whose sheets are given as rows of cell values. */
async function xlsx(sheets: Record<string, unknown[][]>, decorate?: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  decorate?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The field error code a refused file gets on `file`. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; params?: unknown }> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const field = (error as ValidationError).fields!.file!;
    return { code: field.code, params: field.params };
  }
  throw new Error('the file was accepted');
}

describe('attendance lists: the file', () => {
  it('reads a UTF-8 CSV with a byte-order mark, the documented header and every field', async () => {
    const list = await parseAttendanceList(
      csv(
        '\uFEFFfullName,email,memberState,institution,agencyType,gender,role\r\n' +
          'Amina Odhiambo,Amina.Odhiambo@Police.go.ke,KEN,National Police Service,police,female,participant\r\n' +
          '"Pérez, José",,MEX,"Fiscalía General",prosecution,male,speaker\r\n',
      ),
      memberStateOf,
    );
    expect(list.invalid).toEqual([]);
    expect(list.rows).toEqual([
      {
        row: 2,
        input: {
          fullName: 'Amina Odhiambo',
          email: 'Amina.Odhiambo@Police.go.ke',
          memberState: 'KEN',
          institution: 'National Police Service',
          agencyType: 'police',
          gender: 'female',
          role: 'participant',
        },
      },
      {
        row: 3,
        input: {
          fullName: 'Pérez, José',
          email: null,
          memberState: 'MEX',
          institution: 'Fiscalía General',
          agencyType: 'prosecution',
          gender: 'male',
          role: 'speaker',
        },
      },
    ]);
  });

  it('takes semicolons, the header shapes people keep, and leaves out blank lines and unknown columns', async () => {
    const list = await parseAttendanceList(
      csv('Name;E-mail;Country;Remarks;SEX\n\nJean Dupont;jean@justice.gouv.fr;France;arrived late;M\n;;;\nMarie Curie;;FR;;F\n'),
      memberStateOf,
    );
    expect(list.invalid).toEqual([]);
    expect(list.rows.map(({ row, input }) => [row, input.fullName, input.memberState, input.gender, input.role])).toEqual([
      [3, 'Jean Dupont', 'FRA', 'male', 'participant'],
      [5, 'Marie Curie', 'FRA', 'female', 'participant'],
    ]);
  });

  it('reads tab-separated UTF-16 and Windows-1252 files as Excel writes them', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Full name\tCountry\nЕлена Смирнова\tРоссия\n', 'utf16le')]);
    expect((await parseAttendanceList(utf16, memberStateOf)).rows.map((r) => [r.input.fullName, r.input.memberState])).toEqual([
      ['Елена Смирнова', 'RUS'],
    ]);
    const latin = Buffer.from('Nom;Pays\nHélène Müller;Côte d’Ivoire\n'.replace('’', "'"), 'latin1');
    expect((await parseAttendanceList(latin, memberStateOf)).rows.map((r) => [r.input.fullName, r.input.memberState])).toEqual([
      ['Hélène Müller', 'CIV'],
    ]);
  });

  it('joins first and last name columns into the full name', async () => {
    const list = await parseAttendanceList(csv('Prénom,Nom de famille,Pays\nAwa,Diallo,Sénégal\n'), memberStateOf);
    expect(list.rows[0]!.input).toMatchObject({ fullName: 'Awa Diallo', memberState: 'SEN' });
    const spanish = await parseAttendanceList(csv('Nombre,Apellidos,País\nLucía,García López,España\n'), memberStateOf);
    expect(spanish.rows[0]!.input.fullName).toBe('Lucía García López');
  });

  it('reads an XLSX list under its title rows, cells as the text they show', async () => {
    const file = await xlsx(
      {
        Instructions: [['Fill in one row per participant']],
        Participants: [
          ['Regional workshop on foreign terrorist fighters, Nairobi'],
          [],
          ['Full name', 'E-mail', 'Member State', 'Institution', 'Agency', 'Gender', 'Role'],
          [
            { richText: [{ text: 'Amina ' }, { font: { bold: true }, text: 'Odhiambo' }] },
            { text: 'amina@police.go.ke', hyperlink: 'mailto:amina@police.go.ke' },
            { formula: 'UPPER("ken")', result: 'KEN' },
            'Directorate of Criminal Investigations',
            'Police',
            'Female',
            'Trainer',
          ],
          ['Li Wei', 'li.wei@example.cn', '中国', { formula: 'TEXT(45293,"yyyy-mm-dd")', result: '2024-01-02' }, '', '', ''],
          ['Date Person', '', 'KE', new Date(Date.UTC(2024, 2, 5)), '', '', ''],
        ],
      },
      (workbook) => {
        workbook.getWorksheet('Participants')!.getCell('D6').numFmt = 'yyyy-mm-dd';
      },
    );
    const list = await parseAttendanceList(file, memberStateOf);
    expect(list.invalid).toEqual([]);
    expect(list.rows).toEqual([
      {
        row: 4,
        input: {
          fullName: 'Amina Odhiambo',
          email: 'amina@police.go.ke',
          memberState: 'KEN',
          institution: 'Directorate of Criminal Investigations',
          agencyType: 'police',
          gender: 'female',
          role: 'trainer',
        },
      },
      { row: 5, input: expect.objectContaining({ fullName: 'Li Wei', memberState: 'CHN', institution: '2024-01-02' }) },
      { row: 6, input: expect.objectContaining({ fullName: 'Date Person', memberState: 'KEN', institution: '2024-03-05' }) },
    ]);
  });

  it('reads a formula whose result is a date, and numbers and booleans, as text', () => {
    expect(cellText({ value: { formula: 'DATE(2024,1,2)', result: 45293 }, numFmt: 'dd/mm/yyyy' })).toBe('2024-01-02');
    expect(cellText({ value: 45293 })).toBe('45293');
    expect(cellText({ value: true })).toBe('TRUE');
    expect(cellText({ value: { error: '#N/A' } })).toBe('');
    expect(cellText({ value: { text: { richText: [{ text: 'a@' }, { text: 'b.org' }] }, hyperlink: 'mailto:a@b.org' } })).toBe('a@b.org');
  });
});

describe('attendance lists: Member States', () => {
  it.each([
    ['KEN', 'KEN'],
    ['ken', 'KEN'],
    ['KE', 'KEN'],
    ['Kenya', 'KEN'],
    ['  KENIA ', 'KEN'],
    ['Кения', 'KEN'],
    ['كينيا', 'KEN'],
    ['肯尼亚', 'KEN'],
    ['Россия', 'RUS'],
    ['Российская Федерация', 'RUS'],
    ['مصر', 'EGY'],
    ['المملكة العربية السعودية', 'SAU'],
    ['السعودية', 'SAU'],
    ['中国', 'CHN'],
    ['中华人民共和国', 'CHN'],
    ['КНР', 'CHN'],
    ['China', 'CHN'],
    ['cote divoire', 'CIV'],
    ["CÔTE D'IVOIRE", 'CIV'],
    ['Viet Nam', 'VNM'],
    ['United States of America', 'USA'],
    ['USA', 'USA'],
    ['Etats-Unis', 'USA'],
    ['St. Lucia', 'LCA'],
    ['Congo', 'COG'],
    ['DRC', 'COD'],
    ['República Democrática del Congo', 'COD'],
    ['Iran (Islamic Republic of)', 'IRN'],
    ['Micronesia', 'FSM'],
    ['Moldova', 'MDA'],
    ['Türkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ['the Gambia', 'GMB'],
    ['ＫＥＮ', 'KEN'],
  ])('finds %s as %s', (text, code) => {
    expect(memberStateOf(text)).toBe(code);
  });

  it.each(['', 'Atlantis', 'XX', 'Korea', 'Guinea Republic of Nowhere'])('finds no State for %j', (text) => {
    expect(memberStateOf(text)).toBeUndefined();
  });

  it('matches a name two States share at the same rank to neither', () => {
    const match = memberStateMatcher([
      { code: 'AAA', alpha2: 'AA', names: { en: 'Twin' } },
      { code: 'BBB', alpha2: 'BB', names: { fr: 'Twin' } },
      { code: 'CCC', alpha2: 'CC', names: { en: 'Cee', es: 'Cee (Twin)' } },
    ]);
    expect(match('Twin')).toBeUndefined();
    expect(match('cee')).toBe('CCC');
    expect(match('aa')).toBe('AAA');
  });
});

describe('attendance lists: rows', () => {
  it('reads agency, gender and role by code, label or synonym, and reports what it cannot', async () => {
    const list = await parseAttendanceList(
      csv(
        'fullName,memberState,agencyType,gender,role\n' +
          'A,KEN,border_customs,F,facilitator\n' +
          'B,KEN,Prisons and corrections,Male,Resource person\n' +
          'C,KEN,FIU,Prefer not to say,\n' +
          'D,KEN,Astronauts,Mars,Chief\n',
      ),
      memberStateOf,
    );
    expect(list.rows.map(({ input }) => [input.agencyType, input.gender, input.role])).toEqual([
      ['border_customs', 'female', 'trainer'],
      ['corrections', 'male', 'speaker'],
      ['financial_intelligence', 'undisclosed', 'participant'],
    ]);
    expect(list.invalid).toEqual([{ row: 5, fields: { agencyType: 'not_one_of', gender: 'not_one_of', role: 'not_one_of' } }]);
  });

  it('reports each invalid row with its spreadsheet row number and a code per bad field', async () => {
    const list = await parseAttendanceList(
      csv(
        'fullName,email,memberState,institution\n' +
          ',someone@example.org,KEN,\n' +
          'No State,,,\n' +
          'Bad State,,Atlantis,\n' +
          'Bad Email,not-an-email,KEN,\n' +
          `Long Institution,,KEN,${'x'.repeat(201)}\n` +
          'Control\u0007Char,,KEN,\n' +
          'Good,,KEN,\n' +
          'Isolated \u2067Name\u2069,,KEN,\n' +
          'Invisible,a\u200b@example.org,KEN,\n' +
          'Look-alike,\u0430dmin@example.org,KEN,\n' +
          'Quoted,"""admin""@example.org",KEN,\n',
      ),
      memberStateOf,
    );
    expect(list.invalid).toEqual([
      { row: 2, fields: { fullName: 'required' } },
      { row: 3, fields: { memberState: 'required' } },
      { row: 4, fields: { memberState: 'unknown_member_state' } },
      { row: 5, fields: { email: 'not_email' } },
      { row: 6, fields: { institution: 'too_long' } },
      { row: 7, fields: { fullName: 'invalid_characters' } },
      { row: 9, fields: { fullName: 'invalid_characters' } },
      { row: 10, fields: { email: 'invalid_characters' } },
      { row: 11, fields: { email: 'mixed_scripts' } },
      { row: 12, fields: { email: 'not_email' } },
    ]);
    expect(list.rows.map((r) => r.row)).toEqual([8]);
  });

  it('keeps an email as given and refuses a second row with the same address in another case or Unicode form', async () => {
    const list = await parseAttendanceList(
      csv(
        'fullName,email,memberState\nAmina,Amina@Police.GO.KE,KEN\nAmina again,ａｍｉｎａ@police.go.ke ,KEN\nOther,other@police.go.ke,KEN\n',
      ),
      memberStateOf,
    );
    expect(list.rows.map((r) => r.input.email)).toEqual(['Amina@Police.GO.KE', 'other@police.go.ke']);
    expect(list.invalid).toEqual([{ row: 3, fields: { email: 'duplicate_in_file' } }]);
  });

  it('refuses a second row without email for the same name in any case and the same State', async () => {
    const list = await parseAttendanceList(
      csv('fullName,memberState\nJuan Pérez,MEX\nJUAN PÉREZ,Mexique\nJuan Pérez,ESP\n'),
      memberStateOf,
    );
    expect(list.rows.map((r) => [r.row, r.input.memberState])).toEqual([
      [2, 'MEX'],
      [4, 'ESP'],
    ]);
    expect(list.invalid).toEqual([{ row: 3, fields: { fullName: 'duplicate_in_file' } }]);
  });
});

describe('attendance lists: malformed files', () => {
  it('refuses an empty file', async () => {
    expect(await refusal(parseAttendanceList(Buffer.alloc(0), memberStateOf))).toEqual({ code: 'file_empty' });
  });

  it('refuses a file that is neither CSV nor XLSX', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 3])]);
    expect((await refusal(parseAttendanceList(pdf, memberStateOf))).code).toBe('file_type_not_allowed');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(parseAttendanceList(xls, memberStateOf))).code).toBe('file_type_not_allowed');
  });

  it('refuses a zip that is not a workbook, and a truncated workbook', async () => {
    const workbook = await xlsx({
      Sheet1: [
        ['fullName', 'memberState'],
        ['A', 'KEN'],
      ],
    });
    expect((await refusal(parseAttendanceList(workbook.subarray(0, workbook.length - 200), memberStateOf))).code).toBe(
      'spreadsheet_unreadable',
    );
    const notAWorkbook = Buffer.from('504b03040a00000000000000000000000000000000000000000000000000', 'hex');
    expect((await refusal(parseAttendanceList(notAWorkbook, memberStateOf))).code).toBe('spreadsheet_unreadable');
  });

  it('refuses a CSV it cannot parse, saying where', async () => {
    expect(await refusal(parseAttendanceList(csv('fullName,memberState\n"Unclosed,KEN\nB,KEN\n'), memberStateOf))).toEqual({
      code: 'spreadsheet_unreadable',
      params: { line: 3 },
    });
  });

  it('refuses a file without a recognisable header, naming the required columns', async () => {
    expect(await refusal(parseAttendanceList(csv('a,b,c\n1,2,3\n'), memberStateOf))).toEqual({
      code: 'header_not_found',
      params: { columns: ['fullName', 'memberState'] },
    });
    const workbook = await xlsx({ Empty: [] });
    expect((await refusal(parseAttendanceList(workbook, memberStateOf))).code).toBe('header_not_found');
  });

  it('names the required column a header lacks', async () => {
    expect(await refusal(parseAttendanceList(csv('Name,E-mail\nA,a@b.org\n'), memberStateOf))).toEqual({
      code: 'csv_column_missing',
      params: { column: 'memberState' },
    });
    expect(await refusal(parseAttendanceList(csv('First name,Country\nA,KEN\n'), memberStateOf))).toEqual({
      code: 'csv_column_missing',
      params: { column: 'fullName' },
    });
  });

  it(`refuses more than ${ATTENDANCE_LIST_MAX_ROWS} rows`, async () => {
    const rows = Array.from({ length: ATTENDANCE_LIST_MAX_ROWS + 1 }, (_, i) => `P${i},KEN`).join('\n');
    expect(await refusal(parseAttendanceList(csv(`fullName,memberState\n${rows}\n`), memberStateOf))).toEqual({
      code: 'csv_too_many_rows',
      params: { max: ATTENDANCE_LIST_MAX_ROWS },
    });
    const exactly = Array.from({ length: ATTENDANCE_LIST_MAX_ROWS }, (_, i) => `P${i},KEN`).join('\n');
    expect((await parseAttendanceList(csv(`fullName,memberState\n${exactly}\n`), memberStateOf)).rows).toHaveLength(
      ATTENDANCE_LIST_MAX_ROWS,
    );
  });

  it('refuses too many rows in a workbook without reading it to the end', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`P${i}`, 'KEN']);
    const workbook = await xlsx({ List: [['fullName', 'memberState'], ...rows] });
    expect((await refusal(readSpreadsheet(workbook, { maxRows: 40, maxBytes: 1024 * 1024 }))).code).toBe('csv_too_many_rows');
  });

  it('refuses a file over the size limit, and a workbook that unzips to far more than that', async () => {
    expect((await refusal(parseAttendanceList(Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), memberStateOf))).code).toBe('file_too_large');
    const rows = Array.from({ length: 30 }, (_, i) => [`${i}`.padEnd(32_000, 'A'), 'KEN']);
    const bomb = await xlsx({ List: [['fullName', 'memberState'], ...rows] });
    expect(unzippedSize(bomb)).toBeGreaterThan(40 * bomb.length);
    expect((await refusal(readSpreadsheet(bomb, { maxRows: 100, maxBytes: bomb.length }))).code).toBe('file_too_large');
  });
});

describe('attendance lists: every State by every name', () => {
  it('finds each of the 195 States by its code, its alpha-2 code and its name in each of the six languages', () => {
    const misses = STATES.flatMap((state) =>
      [state.code, state.alpha2, ...Object.values(state.names)]
        .filter((text) => memberStateOf(text!) !== state.code)
        .map((text) => `${state.code}: ${text}`),
    );
    expect(misses).toEqual([]);
  });
});

describe('attendance lists: the days attended', () => {
  it('reads all, some by number or by date, or none, and refuses what is not a day', async () => {
    const list = await parseAttendanceList(
      csv('fullName,memberState,attended\nA,KEN,all\nB,KEN,"1, 3"\nC,KEN,2027-05-11\nD,KEN,no\nE,KEN,\nF,KEN,sometimes\n'),
      memberStateOf,
    );
    expect(list.rows.map((r) => [r.input.fullName, r.attended])).toEqual([
      ['A', 'all'],
      ['B', [1, 3]],
      ['C', ['2027-05-11']],
      ['D', undefined],
      ['E', undefined],
    ]);
    expect(list.invalid).toEqual([{ row: 7, fields: { attended: 'invalid_format' } }]);
  });

  it('names the activity days, or nothing when a day is not one of them', () => {
    const days = ['2027-05-10', '2027-05-11', '2027-05-12'];
    expect(attendedDaysOf('all', days)).toEqual(days);
    expect(attendedDaysOf([1, 3, 3], days)).toEqual(['2027-05-10', '2027-05-12']);
    expect(attendedDaysOf(['2027-05-11'], days)).toEqual(['2027-05-11']);
    expect(attendedDaysOf([4], days)).toBeUndefined();
    expect(attendedDaysOf(['2027-05-13'], days)).toBeUndefined();
  });
});
