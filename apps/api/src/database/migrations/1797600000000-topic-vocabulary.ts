import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The slugs courses and activities were given before topics became a vocabulary (TOPICS in
 * @ctlp/contracts), as the vocabulary slug each one means. Kept here as they were when this ran:
 * a migration is history, so later changes to the vocabulary do not rewrite it.
 */
export const TOPIC_SYNONYMS: Readonly<Record<string, string>> = {
  'terrorist-financing': 'financing',
  'terrorism-financing': 'financing',
  'financing-of-terrorism': 'financing',
  'financing-terrorism': 'financing',
  'counter-financing': 'financing',
  'countering-terrorist-financing': 'financing',
  'countering-the-financing-of-terrorism': 'financing',
  'counter-terrorist-financing': 'financing',
  'counter-terrorism-financing': 'financing',
  cft: 'financing',
  'aml-cft': 'financing',
  border: 'border-security',
  borders: 'border-security',
  'border-management': 'border-security',
  'border-control': 'border-security',
  prison: 'prisons',
  'prison-management': 'prisons',
  'prison-radicalisation': 'prisons',
  corrections: 'prisons',
  ftf: 'foreign-terrorist-fighters',
  ftfs: 'foreign-terrorist-fighters',
  'foreign-fighters': 'foreign-terrorist-fighters',
  victim: 'victims',
  'victims-of-terrorism': 'victims',
  'victim-support': 'victims',
  investigations: 'investigation',
  'criminal-investigation': 'investigation',
  prosecutions: 'prosecution',
  adjudication: 'prosecution',
  'prosecution-and-adjudication': 'prosecution',
  legal: 'legal-framework',
  'legal-frameworks': 'legal-framework',
  'international-legal-framework': 'legal-framework',
  'universal-legal-framework': 'legal-framework',
  cooperation: 'international-cooperation',
  'co-operation': 'international-cooperation',
  'international-co-operation': 'international-cooperation',
  'mutual-legal-assistance': 'international-cooperation',
  mla: 'international-cooperation',
  extradition: 'international-cooperation',
  'human-right': 'human-rights',
  'human-rights-law': 'human-rights',
  'gender-mainstreaming': 'gender',
  child: 'children',
  youth: 'children',
  'children-and-youth': 'children',
  juveniles: 'children',
  'electronic-evidence': 'evidence',
  'digital-evidence': 'evidence',
  'e-evidence': 'evidence',
  'cbrn-terrorism': 'cbrn',
  cbrne: 'cbrn',
  'nuclear-terrorism': 'cbrn',
  ict: 'internet',
  online: 'internet',
  cyber: 'internet',
  'use-of-the-internet': 'internet',
  'use-of-internet': 'internet',
  'internet-use': 'internet',
  pve: 'violent-extremism',
  cve: 'violent-extremism',
  'p-cve': 'violent-extremism',
  'preventing-violent-extremism': 'violent-extremism',
  'countering-violent-extremism': 'violent-extremism',
  radicalisation: 'violent-extremism',
  radicalization: 'violent-extremism',
};

/**
 * Topics become a vocabulary: each synonym in courses.topics and activities.topics becomes its
 * vocabulary slug, in the place it had, once (['terrorist-financing', 'financing'] → ['financing']).
 * Any other slug stays as it was: nothing a trainer wrote is lost, and reads still return it. No
 * other table keeps topics (the report summary counts a topic from these rows), so nothing to rebuild.
 */
export class TopicVocabulary1797600000000 implements MigrationInterface {
  name = 'TopicVocabulary1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const synonyms = Object.keys(TOPIC_SYNONYMS);
    const topics = synonyms.map((synonym) => TOPIC_SYNONYMS[synonym]!);
    for (const table of ['courses', 'activities']) {
      await queryRunner.query(
        `WITH synonyms (synonym, topic) AS (SELECT * FROM unnest($1::text[], $2::text[]))
         UPDATE "${table}" t
            SET topics = (SELECT array_agg(slug ORDER BY place)
                            FROM (SELECT coalesce(s.topic, x.slug) AS slug, min(x.place) AS place
                                    FROM unnest(t.topics) WITH ORDINALITY AS x (slug, place)
                                    LEFT JOIN synonyms s ON s.synonym = x.slug
                                   GROUP BY 1) mapped)
          WHERE t.topics && $1::text[]`,
        [synonyms, topics],
      );
    }
  }

  async down(): Promise<void> {
    // Which synonym a row had is not kept: the vocabulary slugs stay, which every version reads.
  }
}
