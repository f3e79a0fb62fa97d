import { isTopic, TOPICS, type Topic } from '@ctlp/contracts';

/** i18next's `t`, as narrow as the topic helpers need it (any namespace: topics live in common). */
type Translate = (key: string) => string;

/** 'counter-narratives' → 'Counter narratives': a slug kept from before the vocabulary, readable. */
export function humaniseSlug(slug: string): string {
  const words = slug
    .split(/[-_\s]+/)
    .filter(Boolean)
    .join(' ');
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/**
 * A topic as people read it: the vocabulary's label in the reader's language; a slug outside it
 * (kept from before the vocabulary) humanised rather than shown as a code.
 */
export function topicLabel(t: Translate, slug: string): string {
  return isTopic(slug) ? t(`topics.${slug}`) : humaniseSlug(slug);
}

/** The vocabulary in the order of its labels in `locale`, for lists people pick from. */
export function topicsByLabel(t: Translate, locale: string): Array<{ topic: Topic; label: string }> {
  const collator = new Intl.Collator(locale);
  return TOPICS.map((topic) => ({ topic, label: topicLabel(t, topic) })).sort((a, b) => collator.compare(a.label, b.label));
}
