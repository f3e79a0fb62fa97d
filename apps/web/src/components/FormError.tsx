import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** What went wrong, announced when it appears. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div role="alert" className="form-error">
      {errorMessage(error, t)}
    </div>
  );
}

export function errorMessage(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.status === 400 && Object.keys(error.fields).length) return t('errors.checkFields');
    return error.message;
  }
  return t('errors.unexpected');
}
