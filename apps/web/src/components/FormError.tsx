import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { ErrorScopeContext, fieldProblems } from './error-scope';
import { useErrorText } from './use-error-text';

/**
 * What went wrong, announced when it appears, in the user's language. Inside a `Form` it takes
 * the form's error when none is given, and lists the bad fields the form has no place for.
 */
export function FormError(props: { error?: unknown }) {
  const { t } = useTranslation();
  const { errorText, fieldErrorText } = useErrorText();
  const scope = useContext(ErrorScopeContext);
  // `<FormError />` in a form takes the form's error; `<FormError error={x} />` shows x, even when x is undefined.
  const error = 'error' in props ? props.error : scope?.error;
  if (!error) return null;
  const problems = fieldProblems(error);
  const inScope = scope !== undefined && scope.error === error;
  const unplaced = inScope ? problems.filter(([path]) => scope.claimant(path) === undefined) : problems;
  const placed = problems.length - unplaced.length;
  const summary =
    error instanceof ApiError && error.code === 'validation_failed' && placed > 0 ? t('errors.checkFields') : errorText(error);
  return (
    <div role="alert" className="form-error">
      {summary}
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map(([path, problem]) => (
            <li key={path}>{fieldErrorText(problem)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
