import { useTranslation } from 'react-i18next';

/** The shapes a page or a part of it takes while its data is on its way. */
export type LoadingShape = 'page' | 'lines' | 'table' | 'cards';

/**
 * A skeleton of what is coming, so the page keeps its place instead of jumping when the data
 * arrives; screen readers hear "Loading…" once (a status region), not the grey blocks.
 */
export function Loading({ shape = 'page', count = 3 }: { shape?: LoadingShape; count?: number }) {
  const { t } = useTranslation();
  const blocks = Array.from({ length: count }, (_, index) => index);
  return (
    <div role="status" className={`skeleton skeleton-${shape}`}>
      <span className="visually-hidden">{t('common.loading')}</span>
      <div aria-hidden="true">
        {shape === 'page' && <div className="skeleton-block skeleton-heading" />}
        {shape === 'cards' ? (
          <ul className="cards">
            {blocks.map((index) => (
              <li key={index} className="card skeleton-card">
                <div className="skeleton-block skeleton-cover" />
                <div className="skeleton-block skeleton-title" />
                <div className="skeleton-block skeleton-line" />
                <div className="skeleton-block skeleton-line short" />
              </li>
            ))}
          </ul>
        ) : (
          blocks.map((index) => <div key={index} className={`skeleton-block ${shape === 'table' ? 'skeleton-row' : 'skeleton-line'}`} />)
        )}
      </div>
    </div>
  );
}

/** What is not there, and what to try: the empty state of a list or a page. */
export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      {children}
    </div>
  );
}
