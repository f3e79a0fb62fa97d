import { createContext, useContext, useEffect } from 'react';
import { ApiError, type FieldProblem } from '../api/api-error';

/**
 * What a form knows about its last error: the error, and which of the bad fields the API named
 * have a place on the form. Each `Field` (or `FieldErrorMessage`) with a `name` answers for that
 * path and every path below it (`topics` for `topics.2`) unless a more specific one is there;
 * `FormError` lists the bad fields nobody answers for, so no message is ever lost.
 */
export interface ErrorScopeValue {
  error: unknown;
  register: (name: string) => () => void;
  /** Which registered name answers for a bad field's path, if any. */
  claimant: (path: string) => string | undefined;
}

export const ErrorScopeContext = createContext<ErrorScopeValue | undefined>(undefined);

export function findClaimant(path: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    if ((path === name || path.startsWith(`${name}.`)) && (best === undefined || name.length > best.length)) best = name;
  }
  return best;
}

export function fieldProblems(error: unknown): Array<[path: string, problem: FieldProblem]> {
  return error instanceof ApiError ? Object.entries(error.fieldErrors) : [];
}

/** The bad fields the surrounding form shows under `name`; registers `name` with the form. */
export function useFieldProblems(name: string | undefined): FieldProblem[] {
  const scope = useContext(ErrorScopeContext);
  const register = scope?.register;
  useEffect(() => (register && name ? register(name) : undefined), [register, name]);
  if (!scope || !name) return [];
  return fieldProblems(scope.error)
    .filter(([path]) => scope.claimant(path) === name)
    .map(([, problem]) => problem);
}
