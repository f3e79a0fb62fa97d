import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The browser tab's title for the page, in the interface language: "Page — platform name".
 * While `title` is undefined (the page's data is on its way, or the page shows another in its
 * place, such as "not found", which sets its own) the title is left as it is.
 */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    if (title) document.title = title === app ? app : `${title} — ${app}`;
  }, [title, app]);
}
