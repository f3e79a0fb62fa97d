import { useCallback, useMemo, useState, type FormHTMLAttributes, type ReactNode } from 'react';
import { ErrorScopeContext, findClaimant, type ErrorScopeValue } from './error-scope';

/** Gives the fields inside it the bad-field messages of `error` (see error-scope.ts). */
export function ErrorScope({ error, children }: { error: unknown; children: ReactNode }) {
  const [names, setNames] = useState<ReadonlyMap<string, number>>(new Map());
  const register = useCallback((name: string) => {
    const change = (delta: number) =>
      setNames((previous) => {
        const next = new Map(previous);
        const count = (next.get(name) ?? 0) + delta;
        if (count > 0) next.set(name, count);
        else next.delete(name);
        return next;
      });
    change(1);
    return () => change(-1);
  }, []);
  const value = useMemo<ErrorScopeValue>(
    () => ({ error, register, claimant: (path) => findClaimant(path, names.keys()) }),
    [error, register, names],
  );
  return <ErrorScopeContext.Provider value={value}>{children}</ErrorScopeContext.Provider>;
}

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'noValidate'> & { error: unknown };

/**
 * A form whose fields show the API's messages for them. The browser's own validation is off:
 * the API checks everything and says what is wrong in the user's language.
 */
export function Form({ error, children, ...props }: FormProps) {
  return (
    <ErrorScope error={error}>
      <form noValidate {...props}>
        {children}
      </form>
    </ErrorScope>
  );
}
