import { useTranslation } from 'react-i18next';
import { numberFormat } from '../intl';

interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}

export function Pagination({ total, limit, offset, onChange }: PaginationProps) {
  const { t, i18n } = useTranslation();
  if (total <= limit) return null;
  const number = numberFormat(i18n.language);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('pagination.previous')}
      </button>
      <span>
        {t('pagination.range', {
          from: number.format(offset + 1),
          to: number.format(Math.min(offset + limit, total)),
          total: number.format(total),
        })}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}
