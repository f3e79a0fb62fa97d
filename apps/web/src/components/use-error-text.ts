import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../api/api-error';
import { errorText, fieldErrorText } from '../api/error-text';

/** `errorText` and `fieldErrorText` in the interface language, for components. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return {
    errorText: useCallback((error: unknown) => errorText(error, t, language), [t, language]),
    fieldErrorText: useCallback((problem: FieldProblem) => fieldErrorText(problem, t, language), [t, language]),
  };
}
