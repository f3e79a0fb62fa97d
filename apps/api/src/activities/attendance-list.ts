import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { AGENCY_TYPES, GENDERS, PARTICIPANT_ROLES } from '@ctlp/contracts';
import type { AgencyType, FieldErrorCode, Gender, Locale, ParticipantRole } from '@ctlp/contracts';
import { ValidationError } from '../common/app-error.js';
import { emailProblem } from '../common/emails.js';
import { cleanPersonText, hasUnsafeCharacters } from '../common/person-text.js';
import { emailKey, type ParticipantInput } from './participant-input.js';

/**
 * Reading attendance lists: the CSV or XLSX files organisers already keep, in the shapes they keep
 * them. Pure functions over a file's bytes and the Member States; nothing here touches the database.
 *
 * Accepted header names (matched without regard to case, accents, spaces, `_`, `-` or `.`; the
 * header may sit under a few title rows; other columns are ignored):
 * - fullName: "fullName", "Full name", "Name", "Participant", "Nom", "Nom complet", "Nombre",
 *   "Nombre completo", "ФИО", "Имя", "الاسم", "姓名"
 * - email: "email", "E-mail", "Email address", "Mail", "Courriel", "Correo", "Correo electrónico",
 *   "Электронная почта", "البريد الإلكتروني", "电子邮件", "邮箱"
 * - memberState: "memberState", "Member State", "Country", "State", "Pays", "État membre", "País",
 *   "Estado miembro", "Страна", "Государство", "الدولة", "البلد", "国家"
 * - institution: "institution", "Organization", "Organisation", "Ministry", "Institución",
 *   "Учреждение", "Организация", "المؤسسة", "机构", "单位"
 * - agencyType: "agencyType", "Agency type", "Agency", "Type of agency", "Sector"
 * - gender: "gender", "Sex", "Sexe", "Genre", "Sexo", "Género", "Пол", "الجنس", "性别"
 * - role: "role", "Rôle", "Rol", "Роль", "الدور", "角色"
 * - attended (optional): "Attended", "Attendance", "Present", "Days attended"… — "all" or "yes" for
 *   every day, day numbers ("1, 3") or dates ("2027-05-10; 2027-05-12"), empty or "no" for none said
 * fullName and memberState are required (or "First name" and "Last name" for fullName); the
 * others may be left out.
 *
 * Values: a Member State by ISO alpha-3 or alpha-2 code or by name in any of the six languages
 * (the platform's names, the common short forms ICU knows, and a few more such as "USA"); agency
 * type, gender and role by code or English label, with the usual synonyms ("F", "M", "Female",
 * "Prosecutor", "Facilitator"…). A CSV is UTF-8 (with or without BOM), UTF-16 with BOM, or, failing
 * UTF-8, Windows-1252; comma, semicolon or tab separated. Spreadsheet cells are read as the text
 * they show: a formula as its result, a date as YYYY-MM-DD, rich text as its characters.
 */

export const ATTENDANCE_LIST_MAX_ROWS = 20_000;
export const ATTENDANCE_LIST_MAX_BYTES = 5 * 1024 * 1024;
/** Text longer than this in one name, institution… is refused (the profile's limit). */
export const TEXT_MAX = 200;
const EMAIL_MAX = 254;
/** How far down a sheet the header may be (title rows above it are common). */
const HEADER_SEARCH_ROWS = 10;
/** The XML inside an XLSX may be this many times the limit on the file before it is refused (zip bombs). */
const UNZIPPED_RATIO = 40;

// ---------------------------------------------------------------------------------------------
// Files → sheets of text cells

export interface SheetRow {
  /** As the spreadsheet program numbers it (1 = the first line of the file). */
  row: number;
  cells: string[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

export interface ReadOptions {
  /** Rows with something in them under the header, per sheet (a few more are read to find it). */
  maxRows: number;
  maxBytes: number;
}

const ACCEPTED = ['csv', 'xlsx'];
const unreadable = (params?: { line: number }) => ValidationError.field('file', 'spreadsheet_unreadable', params);
const tooManyRows = (max: number) => ValidationError.field('file', 'csv_too_many_rows', { max });

/**
 * The sheets of a CSV (one sheet, named '') or XLSX file, blank rows left out, every cell as text.
 * A file that is neither, cannot be read, or is too large or too long is a 400 on `file`.
 */
export async function readSpreadsheet(file: Buffer, options: ReadOptions): Promise<Sheet[]> {
  if (file.length === 0) throw ValidationError.field('file', 'file_empty');
  if (file.length > options.maxBytes) throw ValidationError.field('file', 'file_too_large', { maxMb: options.maxBytes / 1024 / 1024 });
  if (isZip(file)) return readXlsx(file, options);
  const text = decodeText(file);
  if (text === undefined) throw ValidationError.field('file', 'file_type_not_allowed', { allowed: ACCEPTED });
  return [{ name: '', rows: readCsv(text, options.maxRows) }];
}

function isZip(file: Buffer): boolean {
  return file.length >= 4 && file.readUInt32LE(0) === 0x04034b50;
}

/** The file as text, or undefined when it is not text (NUL bytes: a binary file, or .xls). */
function decodeText(file: Buffer): string | undefined {
  let text: string;
  if (file[0] === 0xff && file[1] === 0xfe) text = new TextDecoder('utf-16le').decode(file.subarray(2));
  else if (file[0] === 0xfe && file[1] === 0xff) text = new TextDecoder('utf-16be').decode(file.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    } catch {
      // Excel's "CSV" on Windows in Western Europe; the other languages' exports are UTF-8 or UTF-16.
      text = new TextDecoder('windows-1252').decode(file);
    }
  }
  if (text.includes('\0')) return undefined;
  return text.replace(/^\uFEFF/, '');
}

/** The separator of the first line that has one: the most frequent of `;`, `,`, tab outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

function readCsv(text: string, maxRows: number): SheetRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw unreadable(typeof line === 'number' ? { line } : undefined);
  }
  const rows: SheetRow[] = [];
  records.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    rows.push({ row: index + 1, cells });
  });
  if (rows.length > maxRows + HEADER_SEARCH_ROWS) throw tooManyRows(maxRows);
  return rows;
}

/**
 * The sum of the sizes an XLSX's parts unzip to, from its central directory; undefined when there
 * is none to read (not a zip, or a zip64 that no spreadsheet of ours needs).
 */
export function unzippedSize(file: Buffer): number | undefined {
  const from = Math.max(0, file.length - 22 - 0xffff);
  for (let end = file.length - 22; end >= from; end--) {
    if (file.readUInt32LE(end) !== 0x06054b50) continue;
    const entries = file.readUInt16LE(end + 10);
    let offset = file.readUInt32LE(end + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > file.length || file.readUInt32LE(offset) !== 0x02014b50) return undefined;
      const size = file.readUInt32LE(offset + 24);
      if (size === 0xffffffff) return undefined;
      total += size;
      offset += 46 + file.readUInt16LE(offset + 28) + file.readUInt16LE(offset + 30) + file.readUInt16LE(offset + 32);
    }
    return total;
  }
  return undefined;
}

interface ExcelCell {
  value: unknown;
  numFmt?: string;
}
interface ExcelRow {
  number: number;
  cellCount: number;
  getCell(column: number): ExcelCell;
}
interface ExcelSheetReader extends AsyncIterable<ExcelRow> {
  name?: string;
  id: number | string;
}

async function readXlsx(file: Buffer, options: ReadOptions): Promise<Sheet[]> {
  const size = unzippedSize(file);
  if (size === undefined) throw unreadable();
  if (size > options.maxBytes * UNZIPPED_RATIO)
    throw ValidationError.field('file', 'file_too_large', { maxMb: options.maxBytes / 1024 / 1024 });
  // exceljs loads on the first import, not at start (0.4 s of imports).
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: Sheet[] = [];
  try {
    for await (const worksheet of reader as unknown as AsyncIterable<ExcelSheetReader>) {
      const rows: SheetRow[] = [];
      for await (const row of worksheet) {
        const cells: string[] = [];
        for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
        if (cells.every((cell) => cell.trim() === '')) continue;
        rows.push({ row: row.number, cells });
        if (rows.length > options.maxRows + HEADER_SEARCH_ROWS) throw tooManyRows(options.maxRows);
      }
      sheets.push({ name: worksheetName(reader, worksheet), rows });
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw unreadable();
  }
  if (!sheets.length) throw unreadable();
  return sheets;
}

/** The streaming reader knows a sheet by its number; the workbook part names it. */
function worksheetName(reader: unknown, worksheet: ExcelSheetReader): string {
  if (worksheet.name) return worksheet.name;
  const model = (reader as { model?: { sheets?: Array<{ id: number; name: string }> } }).model;
  return model?.sheets?.find((sheet) => String(sheet.id) === String(worksheet.id))?.name ?? '';
}

/** What the cell shows, as text: formulas by their result, dates as YYYY-MM-DD, rich text and links by their characters. */
export function cellText(cell: ExcelCell): string {
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return isDateFormat(numFmt) ? dateText(excelDate(value)) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const object = value as { richText?: Array<{ text?: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(object.richText)) return object.richText.map((run) => run.text ?? '').join('');
    if ('text' in object) return valueText(object.text, numFmt);
    if ('result' in object) return valueText(object.result, numFmt);
    if ('error' in object) return '';
  }
  return String(value as string);
}

/** exceljs's own test: a number format with date or time letters outside quotes and brackets. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[ymdhMsb]/.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** A date as its calendar day; with a time of day, as ISO 8601 to the minute. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Headers

/** Case, accents, spaces and punctuation do not count: "E-mail", "e mail" and "EMAIL" are one key. */
export function headerKey(text: string): string {
  return fold(text).replace(/\s/g, '');
}

export type ColumnNames<F extends string> = Record<F, readonly string[]>;

export interface Header<F extends string> {
  /** The sheet row that holds the header; data rows follow it. */
  row: number;
  column: Partial<Record<F, number>>;
}

/** What a header must name: `missing` says the first required column it lacks, if any. */
export interface HeaderCheck<F extends string> {
  columns: readonly F[];
  missing(column: Partial<Record<F, number>>): F | undefined;
}

/** Every one of these columns is required. */
export function requireColumns<F extends string>(...columns: F[]): HeaderCheck<F> {
  return { columns, missing: (column) => columns.find((name) => column[name] === undefined) };
}

/**
 * Finds the header among a sheet's first rows: the first row that the check finds complete. A row
 * that names some columns but not all says which is missing (`csv_column_missing`); none at all
 * is `header_not_found`.
 */
export function findHeader<F extends string>(sheet: Sheet, names: ColumnNames<F>, check: HeaderCheck<F>, field = 'file'): Header<F> {
  const keys = new Map<string, F>();
  for (const [column, aliases] of Object.entries(names) as Array<[F, readonly string[]]>) {
    for (const alias of [column, ...aliases]) keys.set(headerKey(alias), column);
  }
  let best: { column: Partial<Record<F, number>>; count: number } | undefined;
  for (const { row, cells } of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const column: Partial<Record<F, number>> = {};
    cells.forEach((cell, index) => {
      const name = keys.get(headerKey(cell));
      if (name !== undefined && column[name] === undefined) column[name] = index;
    });
    if (check.missing(column) === undefined) return { row, column };
    const count = Object.keys(column).length;
    if (count > (best?.count ?? 0)) best = { column, count };
  }
  if (best) throw ValidationError.field(field, 'csv_column_missing', { column: check.missing(best.column)! });
  throw ValidationError.field(field, 'header_not_found', { columns: check.columns });
}

/** The rows under the header, each as its named cells, trimmed. */
export function recordsOf<F extends string>(sheet: Sheet, header: Header<F>): Array<{ row: number; values: Partial<Record<F, string>> }> {
  return sheet.rows
    .filter(({ row }) => row > header.row)
    .map(({ row, cells }) => {
      const values: Partial<Record<F, string>> = {};
      for (const [name, index] of Object.entries(header.column) as Array<[F, number]>) values[name] = (cells[index] ?? '').trim();
      return { row, values };
    });
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * Text compared without regard to case, accents and marks (Arabic short vowels and hamza seats,
 * Cyrillic ё), punctuation or repeated spaces; full-width forms are their ASCII selves.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u0640/g, '')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064a')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

export interface MemberStateNames {
  code: string;
  alpha2: string;
  names: Partial<Record<Locale, string>>;
}

/** Short and older forms people write that neither the platform's names nor ICU's give. */
const MORE_NAMES: Record<string, readonly string[]> = {
  USA: [
    'USA',
    'U.S.A.',
    'U.S.',
    'United States of America',
    'Estados Unidos de América',
    'Соединенные Штаты Америки',
    'الولايات المتحدة الأمريكية',
    '美利坚合众国',
  ],
  GBR: [
    'UK',
    'U.K.',
    'Great Britain',
    'Britain',
    'United Kingdom of Great Britain and Northern Ireland',
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    'Reino Unido de Gran Bretaña e Irlanda del Norte',
    'Соединенное Королевство',
  ],
  RUS: ['Russia'],
  KOR: ['Republic of Korea', 'République de Corée', 'Korea, Republic of'],
  PRK: ["Democratic People's Republic of Korea", 'DPRK'],
  VNM: ['Viet Nam'],
  TUR: ['Turkey', 'Turquia'],
  CIV: ['Ivory Coast'],
  CZE: ['Czechia'],
  SWZ: ['Swaziland'],
  CPV: ['Cabo Verde'],
  COD: ['DRC', 'DR Congo', 'Congo-Kinshasa', 'Democratic Republic of Congo', 'RDC', 'République démocratique du Congo'],
  COG: ['Congo-Brazzaville', 'Republic of Congo'],
  MMR: ['Burma'],
  TLS: ['East Timor'],
  MKD: ['Macedonia', 'North Macedonia'],
  VAT: ['Vatican', 'Holy See'],
  ARE: ['UAE', 'U.A.E.', 'Emirates'],
  IRN: ['Iran (Islamic Republic of)'],
  BOL: ['Bolivia (Plurinational State of)'],
  VEN: ['Venezuela (Bolivarian Republic of)'],
  MDA: ['Republic of Moldova'],
  FSM: ['Micronesia (Federated States of)'],
  NLD: ['Netherlands (Kingdom of the)', 'Holland', 'The Netherlands'],
  CHN: ['China', "People's Republic of China", 'PRC', '中华人民共和国', 'Китай'],
  LAO: ['Laos', 'Lao PDR'],
  SYR: ['Syria'],
  TZA: ['Tanzania'],
  PSE: ['Palestine'],
  GMB: ['Gambia', 'The Gambia'],
  BHS: ['The Bahamas'],
  BRN: ['Brunei'],
};

/** Names a user may write for a State, best first; a lower rank never displaces a higher one. */
function namesOf(
  state: MemberStateNames,
  locales: readonly Locale[],
  displays: readonly Intl.DisplayNames[],
): Array<{ name: string; rank: number }> {
  const names: Array<{ name: string; rank: number }> = [];
  const add = (name: string | undefined, rank: number, derive = true) => {
    if (!name) return;
    names.push({ name, rank });
    if (!derive) return;
    // "КНР (Китайская Народная Республика)": each part; "Moldova, Republic of": both orders.
    const parenthesised = /^(.*?)\s*[(（](.*)[)）]\s*$/.exec(name);
    if (parenthesised) {
      names.push({ name: parenthesised[1]!, rank: rank + 2 });
      names.push({ name: parenthesised[2]!, rank: rank + 2 });
      names.push({ name: `${parenthesised[2]} ${parenthesised[1]}`, rank: rank + 2 });
    }
    const comma = /^(.*?),\s*(.*)$/.exec(name);
    if (comma) {
      names.push({ name: comma[1]!, rank: rank + 2 });
      names.push({ name: `${comma[2]} ${comma[1]}`, rank: rank + 2 });
    }
  };
  for (const locale of locales) add(state.names[locale], 1);
  for (const name of MORE_NAMES[state.code] ?? []) add(name, 2, false);
  for (const display of displays) {
    try {
      add(display.of(state.alpha2), 2);
    } catch {
      // A code ICU does not know: the platform's own names still match.
    }
  }
  return names;
}

/** ICU's names of regions in the six languages, long and short ("United States", "US"). */
function regionNames(): Intl.DisplayNames[] {
  return (['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const).flatMap((locale) =>
    (['long', 'short'] as const).map((style) => new Intl.DisplayNames([locale], { type: 'region', style })),
  );
}

export type MemberStateMatcher = (text: string) => string | undefined;

/**
 * A State from what a list says: its alpha-3 or alpha-2 code, or a name in any of the six
 * languages. A name that two States could claim at the same rank matches neither.
 */
export function memberStateMatcher(states: readonly MemberStateNames[]): MemberStateMatcher {
  const locales: Locale[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
  const codes = new Map<string, string>();
  for (const state of states) {
    codes.set(state.code.trim().toUpperCase(), state.code);
    codes.set(state.alpha2.trim().toUpperCase(), state.code);
  }
  const byName = new Map<string, { code: string | undefined; rank: number }>();
  const displays = regionNames();
  for (const state of states) {
    for (const { name, rank } of namesOf(state, locales, displays)) {
      const key = nameKey(name);
      if (!key) continue;
      const known = byName.get(key);
      if (!known || rank < known.rank) byName.set(key, { code: state.code, rank });
      else if (rank === known.rank && known.code !== state.code) byName.set(key, { code: undefined, rank });
    }
  }
  return (text: string) => {
    const trimmed = text.normalize('NFKC').trim();
    if (!trimmed) return undefined;
    if (/^[A-Za-z]{2,3}$/.test(trimmed)) {
      const code = codes.get(trimmed.toUpperCase());
      if (code) return code;
    }
    return byName.get(nameKey(trimmed))?.code;
  };
}

/** A State's name as matching compares it: folded, a leading "the" and the spaces gone, "St." is "Saint". */
function nameKey(name: string): string {
  return fold(name)
    .split(' ')
    .map((word) => (word === 'st' ? 'saint' : word))
    .filter((word, index) => !(index === 0 && word === 'the'))
    .join('');
}

export function enumMatcher<T extends string>(
  values: readonly T[],
  synonyms: Record<T, readonly string[]>,
): (text: string) => T | undefined {
  const byKey = new Map<string, T>();
  for (const value of values) {
    for (const name of [value, ...synonyms[value]]) byKey.set(headerKey(name), value);
  }
  return (text) => byKey.get(headerKey(text));
}

export const agencyTypeOf = enumMatcher<AgencyType>(AGENCY_TYPES, {
  police: ['Police', 'Law enforcement', 'Policía', 'Полиция', 'الشرطة', '警察'],
  prosecution: [
    'Prosecution service',
    'Prosecution',
    'Prosecutor',
    'Prosecutors',
    "Public prosecutor's office",
    'Ministère public',
    'Parquet',
    'Fiscalía',
    'Прокуратура',
    'النيابة العامة',
    '检察院',
  ],
  judiciary: [
    'Judiciary',
    'Judge',
    'Judges',
    'Court',
    'Courts',
    'Magistrate',
    'Judicial',
    'Magistrature',
    'Poder judicial',
    'Суд',
    'القضاء',
    '法院',
  ],
  corrections: [
    'Prisons and corrections',
    'Prison',
    'Prisons',
    'Corrections',
    'Correctional service',
    'Prison service',
    'Administration pénitentiaire',
  ],
  border_customs: ['Border and customs', 'Border', 'Customs', 'Border guard', 'Douanes', 'Aduanas', 'Таможня'],
  financial_intelligence: ['Financial intelligence', 'Financial intelligence unit', 'FIU', 'CRF', 'UIF'],
  other_government: ['Other government body', 'Other government', 'Government', 'Ministry', 'Autre administration'],
  international_organization: ['International organization', 'International organisation', 'IO', 'United Nations', 'UN'],
  civil_society: ['Civil society', 'NGO', 'CSO', 'Société civile', 'Sociedad civil'],
  academia: ['Academia', 'Academic', 'University', 'Research', 'Université', 'Universidad'],
});

export const genderOf = enumMatcher<Gender>(GENDERS, {
  female: [
    'F',
    'Female',
    'Woman',
    'Women',
    'Femme',
    'Féminin',
    'Mujer',
    'Femenino',
    'Ж',
    'Жен',
    'Женский',
    'Женщина',
    'أنثى',
    'امرأة',
    '女',
  ],
  male: ['M', 'Male', 'Man', 'Men', 'Homme', 'Masculin', 'H', 'Hombre', 'Masculino', 'М', 'Муж', 'Мужской', 'Мужчина', 'ذكر', 'رجل', '男'],
  other: ['Other', 'Autre', 'Otro', 'Другое', 'آخر', '其他'],
  undisclosed: ['Prefer not to say', 'Undisclosed', 'Not disclosed', 'Not stated', 'Unknown', 'N/A', 'Non précisé', 'No indicado'],
});

export const participantRoleOf = enumMatcher<ParticipantRole>(PARTICIPANT_ROLES, {
  participant: [
    'Participant',
    'Participants',
    'Attendee',
    'Delegate',
    'Trainee',
    'Learner',
    'Participante',
    'Участник',
    'مشارك',
    '学员',
    '参与者',
  ],
  trainer: [
    'Trainer',
    'Instructor',
    'Facilitator',
    'Formateur',
    'Formatrice',
    'Formador',
    'Formadora',
    'Тренер',
    'Инструктор',
    'مدرب',
    '培训师',
  ],
  speaker: [
    'Speaker',
    'Presenter',
    'Lecturer',
    'Panelist',
    'Panellist',
    'Resource person',
    'Expert',
    'Orateur',
    'Intervenant',
    'Ponente',
    'Докладчик',
    'Спикер',
    'متحدث',
    '发言人',
  ],
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export type RowErrors = Record<string, FieldErrorCode>;

/** A name or institution: spaces collapsed; too long or with control characters is an error. */
export function text(value: string | undefined, field: string, errors: RowErrors, required: boolean): string | null {
  // A spreadsheet cell's line breaks and tabs become spaces; the person-text rule does the rest.
  const cleaned = cleanPersonText((value ?? '').replace(/[\t\n\v\f\r\p{Zs}]+/gu, ' '));
  if (!cleaned) {
    if (required) errors[field] = 'required';
    return null;
  }
  if (hasUnsafeCharacters(cleaned)) errors[field] = 'invalid_characters';
  else if (cleaned.length > TEXT_MAX) errors[field] = 'too_long';
  return cleaned;
}

/** An address as written (trimmed; a `mailto:` link's address), checked for shape. */
export function email(value: string | undefined, errors: RowErrors): string | null {
  const cleaned = (value ?? '').trim().replace(/^mailto:/i, '');
  if (!cleaned) return null;
  if (cleaned.length > EMAIL_MAX) errors.email = 'too_long';
  else if (!EMAIL.test(emailKey(cleaned))) errors.email = 'not_email';
  else {
    const problem = emailProblem(emailKey(cleaned));
    if (problem) errors.email = problem;
  }
  return cleaned;
}

function option<T>(value: string | undefined, match: (text: string) => T | undefined, field: string, errors: RowErrors): T | null {
  if (!value) return null;
  const found = match(value);
  if (found === undefined) errors[field] = 'not_one_of';
  return found ?? null;
}

export const PERSON_COLUMNS = {
  fullName: [
    'Full name',
    'Name',
    'Participant',
    'Participant name',
    'Nom',
    'Nom complet',
    'Nombre',
    'Nombre completo',
    'ФИО',
    'Полное имя',
    'الاسم',
    'الاسم الكامل',
    '姓名',
  ],
  firstName: ['First name', 'Given name', 'Given names', 'Forename', 'Prénom', 'Nombres', 'Имя', 'الاسم الأول', '名'],
  lastName: ['Last name', 'Surname', 'Family name', 'Nom de famille', 'Apellido', 'Apellidos', 'Фамилия', 'اسم العائلة', '姓'],
  email: [
    'E-mail',
    'Email address',
    'Mail',
    'Courriel',
    'Adresse électronique',
    'Correo',
    'Correo electrónico',
    'Электронная почта',
    'Почта',
    'البريد الإلكتروني',
    '电子邮件',
    '邮箱',
  ],
  memberState: [
    'Member State',
    'Country',
    'State',
    'Pays',
    'État membre',
    'País',
    'Estado miembro',
    'Страна',
    'Государство',
    'الدولة',
    'البلد',
    '国家',
    '会员国',
  ],
  institution: [
    'Organization',
    'Organisation',
    'Ministry',
    'Institución',
    'Organismo',
    'Учреждение',
    'Организация',
    'المؤسسة',
    'الجهة',
    '机构',
    '单位',
  ],
  agencyType: ['Agency type', 'Agency', 'Type of agency', 'Sector', "Type d'agence", 'Secteur', 'Tipo de organismo'],
  gender: ['Sex', 'Sexe', 'Genre', 'Sexo', 'Género', 'Пол', 'الجنس', '性别'],
  role: ['Role in the activity', 'Rôle', 'Rol', 'Роль', 'الدور', '角色'],
} as const;

export type PersonColumn = keyof typeof PERSON_COLUMNS;

/**
 * A name in one column, or in two ("First name" and "Last name"), or one of those beside a name
 * column ("Prénom" and "Nom", "Nombre" and "Apellidos"), and a Member State.
 */
export const PERSON_HEADER: HeaderCheck<PersonColumn> = {
  columns: ['fullName', 'memberState'],
  missing: (column) => {
    const named = column.fullName !== undefined || (column.firstName !== undefined && column.lastName !== undefined);
    if (!named) return 'fullName';
    return column.memberState === undefined ? 'memberState' : undefined;
  },
};

function nameFrom(values: Partial<Record<PersonColumn, string>>): string | undefined {
  const { fullName, firstName, lastName } = values;
  if (firstName !== undefined && lastName !== undefined) return `${firstName} ${lastName}`;
  if (firstName !== undefined || lastName !== undefined) return [firstName, fullName, lastName].filter(Boolean).join(' ');
  return fullName;
}

/** One person from a row's cells; `errors` gets a code for each bad field. */
export function personFrom(
  values: Partial<Record<PersonColumn, string>>,
  memberStateOf: MemberStateMatcher,
  errors: RowErrors,
): ParticipantInput {
  const fullName = text(nameFrom(values), 'fullName', errors, true);
  const address = email(values.email, errors);
  let memberState: string | undefined;
  if (!values.memberState) errors.memberState = 'required';
  else {
    memberState = memberStateOf(values.memberState);
    if (!memberState) errors.memberState = 'unknown_member_state';
  }
  return {
    fullName: fullName ?? '',
    email: address,
    memberState: memberState ?? '',
    institution: text(values.institution, 'institution', errors, false),
    agencyType: option(values.agencyType, agencyTypeOf, 'agencyType', errors),
    gender: option(values.gender, genderOf, 'gender', errors),
    role: option(values.role, participantRoleOf, 'role', errors) ?? 'participant',
  };
}

/**
 * Marks each row that names a person a row before it already named (`duplicate_in_file`): by email
 * key, or, without an email, by the same name (any case) and State, which is how a person without
 * an email is known within an activity (ParticipantsService.add). One person, one row.
 */
export class PeopleSeen {
  private readonly keys = new Set<string>();

  claim(input: ParticipantInput, errors: RowErrors): void {
    if (errors.email || errors.fullName || errors.memberState) return;
    const key = input.email ? `@${emailKey(input.email)}` : `${input.fullName.normalize('NFKC').toLowerCase()}\u0000${input.memberState}`;
    if (this.keys.has(key)) errors[input.email ? 'email' : 'fullName'] = 'duplicate_in_file';
    else this.keys.add(key);
  }
}

// ---------------------------------------------------------------------------------------------
// Attendance lists

export interface InvalidRow {
  row: number;
  fields: RowErrors;
}

/** Days a list says a person attended: all of them, or some by number (1 = the first day) or date. */
export type AttendedDays = 'all' | Array<number | string>;

export interface AttendanceList {
  rows: Array<{ row: number; input: ParticipantInput; attended?: AttendedDays }>;
  invalid: InvalidRow[];
}

/** An attendance list's columns: a person's, and optionally the days they attended. */
export const ATTENDANCE_LIST_COLUMNS = {
  ...PERSON_COLUMNS,
  attended: [
    'Attended',
    'Attendance',
    'Present',
    'Days attended',
    'Days present',
    'Présence',
    'Asistencia',
    'Присутствие',
    'الحضور',
    '出席',
  ],
} as const;
type AttendanceListColumn = keyof typeof ATTENDANCE_LIST_COLUMNS;

const ALL_DAYS = new Set(
  ['all', 'yes', 'y', 'x', 'true', 'tous', 'todos', 'si', 'oui', 'все', 'да', 'الكل', 'نعم', '全部', '是'].map(headerKey),
);
const NO_DAYS = new Set(['no', 'n', 'none', 'false', 'non', 'ninguno', 'нет', 'لا', '否'].map(headerKey));
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "all", "yes": every day; "1, 3" or "2027-05-10; 2027-05-12": those days; empty or "no": none said. */
export function attendedFrom(value: string | undefined, errors: RowErrors): AttendedDays | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed || NO_DAYS.has(headerKey(trimmed))) return undefined;
  if (ALL_DAYS.has(headerKey(trimmed))) return 'all';
  const days: Array<number | string> = [];
  for (const token of trimmed.split(/[,;\s]+/).filter(Boolean)) {
    if (/^\d{1,3}$/.test(token)) days.push(Number(token));
    else if (DAY_TEXT.test(token.slice(0, 10)) && !Number.isNaN(Date.parse(`${token.slice(0, 10)}T00:00:00Z`)))
      days.push(token.slice(0, 10));
    else {
      errors.attended = 'invalid_format';
      return undefined;
    }
  }
  return days;
}

/** Every day from the first to the last, YYYY-MM-DD. */
export function daysBetween(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${startsOn}T00:00:00Z`); t <= Date.parse(`${endsOn}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The activity's days a list's attended cell names, or undefined when one is not among them. */
export function attendedDaysOf(attended: AttendedDays, days: readonly string[]): string[] | undefined {
  if (attended === 'all') return [...days];
  const named = attended.map((day) => (typeof day === 'number' ? days[day - 1] : days.includes(day) ? day : undefined));
  return named.every((day) => day !== undefined) ? [...new Set(named as string[])] : undefined;
}

/**
 * An attendance list: the people it names, valid rows apart from invalid ones (each with the code of
 * every bad field). A file that cannot be read as one is a 400 on `file`, and nothing is returned.
 */
export async function parseAttendanceList(file: Buffer, memberStateOf: MemberStateMatcher): Promise<AttendanceList> {
  const sheets = await readSpreadsheet(file, { maxRows: ATTENDANCE_LIST_MAX_ROWS, maxBytes: ATTENDANCE_LIST_MAX_BYTES });
  // The list is the first sheet with a header (a workbook may open on a cover or instructions sheet).
  let found: { sheet: Sheet; header: Header<AttendanceListColumn> } | undefined;
  let firstError: unknown;
  for (const sheet of sheets) {
    try {
      found = { sheet, header: findHeader<AttendanceListColumn>(sheet, ATTENDANCE_LIST_COLUMNS, PERSON_HEADER) };
      break;
    } catch (error) {
      firstError ??= error;
    }
  }
  if (!found) throw firstError;
  const records = recordsOf(found.sheet, found.header);
  if (records.length > ATTENDANCE_LIST_MAX_ROWS) throw tooManyRows(ATTENDANCE_LIST_MAX_ROWS);
  const list: AttendanceList = { rows: [], invalid: [] };
  const seen = new PeopleSeen();
  for (const { row, values } of records) {
    const errors: RowErrors = {};
    const input = personFrom(values, memberStateOf, errors);
    const attended = attendedFrom(values.attended, errors);
    seen.claim(input, errors);
    if (Object.keys(errors).length) list.invalid.push({ row, fields: errors });
    else list.rows.push(attended ? { row, input, attended } : { row, input });
  }
  return list;
}
