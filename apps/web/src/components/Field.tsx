import { cloneElement, useId, type ReactElement } from 'react';
import { useFieldProblems } from './error-scope';
import { useErrorText } from './use-error-text';

interface FieldProps {
  label: string;
  /** The request field this control sets (`email`, `audience.memberStates`): shows the API's message for it. */
  name?: string;
  /** A message of the page's own (a check made before sending), shown instead of the API's. */
  error?: string;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}

/** The API's messages for `name` (and the fields below it), translated; undefined when there is none. */
export function useFieldMessage(name: string | undefined, own?: string): string | undefined {
  const problems = useFieldProblems(name);
  const { fieldErrorText } = useErrorText();
  if (own) return own;
  return problems.length ? problems.map(fieldErrorText).join(' ') : undefined;
}

/** A labelled control whose hint and error are tied to it for screen readers. */
export function Field({ label, name, error: own, hint, children }: FieldProps) {
  const id = useId();
  const error = useFieldMessage(name, own);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The API's message for a field that is not one control (a group of checkboxes, a list). `lang`
 * and `dir` when it sits in content of another language than the interface's.
 */
export function FieldErrorMessage({ name, lang, dir }: { name: string; lang?: string; dir?: 'ltr' | 'rtl' }) {
  const error = useFieldMessage(name);
  if (!error) return null;
  return (
    <p className="field-error" lang={lang} dir={dir}>
      {error}
    </p>
  );
}
