import type { Schemas } from '../../api/client';

/** The placeholder's tones (`.cover-tone-0` … in styles.css). */
const TONES = 8;

/** The same slug always draws the same tone, so a course is recognised by it from page to page. */
export function coverTone(slug: string): number {
  let hash = 0;
  for (const char of slug) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % TONES;
}

interface CoverProps {
  course: { slug: string; title: string; language: string; cover: Schemas['CourseCoverDto'] | null };
  /** How wide the image shows, for the browser to pick a rendition (the `sizes` attribute). */
  sizes: string;
  /** Above the fold (the course page): fetched at once instead of lazily. */
  eager?: boolean;
  className?: string;
}

/**
 * A course's cover, 16:9 with its size known before it loads (no shift); or for a course without
 * one a placeholder of the same size: a gradient chosen by the slug with the title's first letter.
 * Decorative (the title is beside it), so screen readers skip it.
 */
export function CourseCover({ course, sizes, eager = false, className = '' }: CoverProps) {
  const { cover } = course;
  if (cover) {
    return (
      <img
        className={`cover ${className}`.trim()}
        src={cover.url}
        srcSet={cover.srcset}
        sizes={sizes}
        width={cover.width}
        height={cover.height}
        alt=""
        loading={eager ? 'eager' : 'lazy'}
        fetchPriority={eager ? 'high' : 'auto'}
        decoding="async"
      />
    );
  }
  const initial = Array.from(course.title.trim())[0]?.toLocaleUpperCase(course.language) ?? '';
  return (
    <div className={`cover cover-placeholder cover-tone-${coverTone(course.slug)} ${className}`.trim()} aria-hidden="true">
      <span lang={course.language}>{initial}</span>
    </div>
  );
}
