import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { FormError } from './FormError';
import { EmptyState, Loading, type LoadingShape } from './Loading';

/** What a list query gives a page: the items once they arrive, or why they did not. */
export interface ListQuery<T> {
  data?: { items: T[] } | undefined;
  error: unknown;
  isPending: boolean;
}

interface AsyncItemsProps<T> {
  query: ListQuery<T>;
  /** Shown instead of the list when there is nothing in it. */
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
  /** The skeleton shown while the first page loads: the shape of what will replace it. */
  loading?: LoadingShape;
}

/**
 * The states every list goes through: loading (announced), failed (the reason, in the user's
 * language), empty (what that means here), or the items. A failed refetch keeps the items on
 * screen under the reason.
 */
export function AsyncItems<T>({ query, empty, children, loading = 'lines' }: AsyncItemsProps<T>) {
  if (query.isPending && !query.data) return <Loading shape={loading} />;
  const items = query.data?.items;
  return (
    <>
      <FormError error={query.error} />
      {items && (items.length === 0 ? typeof empty === 'string' ? <EmptyState title={empty} /> : empty : children(items))}
    </>
  );
}

interface AsyncTableProps<T> extends Omit<AsyncItemsProps<T>, 'children'> {
  /** Names the table for screen readers (visually hidden unless `showCaption`). */
  caption: string;
  showCaption?: boolean;
  columns: ReactNode[];
  rowKey: (item: T) => string;
  /** The cells of one row; the first is usually `<th scope="row">`. */
  row: (item: T) => ReactNode;
  /**
   * On a phone, each row becomes a card: its row header as the title, every other cell under its
   * column's name (`table.table-cards` in styles.css), so nothing needs a sideways scroll.
   */
  cardsOnPhones?: boolean;
}

/**
 * Names each body cell after its column (`data-label`), for the card layout to show: read from the
 * header row once the rows are on the page, since a row's cells come from its own component.
 */
function useColumnLabels(enabled: boolean) {
  const table = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const element = table.current;
    if (!enabled || !element?.tHead) return;
    const labels = Array.from(element.tHead.rows[0]?.cells ?? [], (cell) => cell.textContent?.trim() ?? '');
    for (const body of Array.from(element.tBodies)) {
      for (const row of Array.from(body.rows)) {
        Array.from(row.cells).forEach((cell, index) => cell.setAttribute('data-label', labels[index] ?? ''));
      }
    }
  });
  return table;
}

/** A table of a list query's items, with its loading, empty and error states. */
export function AsyncTable<T>({ caption, showCaption = false, columns, rowKey, row, cardsOnPhones = false, ...rest }: AsyncTableProps<T>) {
  const table = useColumnLabels(cardsOnPhones);
  return (
    <AsyncItems loading="table" {...rest}>
      {(items) => (
        <div className="table-scroll">
          <table ref={table} className={cardsOnPhones ? 'table-cards' : undefined}>
            <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
            <thead>
              <tr>
                {columns.map((column, index) => (
                  <th scope="col" key={index}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={rowKey(item)}>{row(item)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AsyncItems>
  );
}

interface AsyncCardsProps<T> extends Omit<AsyncItemsProps<T>, 'children'> {
  itemKey: (item: T) => string;
  /** The content of one card (a list item). */
  card: (item: T) => ReactNode;
}

/** A list of cards for a list query's items, with its loading, empty and error states. */
export function AsyncCards<T>({ itemKey, card, ...rest }: AsyncCardsProps<T>) {
  return (
    <AsyncItems loading="cards" {...rest}>
      {(items) => (
        <ul className="cards">
          {items.map((item) => (
            <li key={itemKey(item)} className="card">
              {card(item)}
            </li>
          ))}
        </ul>
      )}
    </AsyncItems>
  );
}
