import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@ctlp/contracts';
import { api, unwrap, type Schemas } from '../client';

type MemberState = Schemas['MemberStateDto'];

export const memberStatesKeys = {
  all: ['member-states'] as const,
  list: (locale: Locale) => [...memberStatesKeys.all, locale] as const,
};

export const memberStatesQuery = (locale: Locale) =>
  queryOptions({
    queryKey: memberStatesKeys.list(locale),
    queryFn: async () => (await unwrap(api.GET('/api/member-states', { params: { query: { locale } } }))).items,
    staleTime: Infinity,
  });

/** The interface language, re-read when it changes. */
function useLocale(): Locale {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}

/** The 195 States with names in the interface language, sorted in that language. */
export function useMemberStates() {
  return useQuery(memberStatesQuery(useLocale()));
}

/** A State's name in the interface language from its ISO code (the code until the names arrive). */
export function useMemberStateName(): (code: string) => string {
  const { data: states } = useMemberStates();
  return useCallback((code: string) => states?.find((state) => state.code === code)?.name ?? code, [states]);
}

/**
 * The State a person typed or picked from the list: its name in the interface language (any
 * case) or its ISO code; undefined when none matches.
 */
export function useMemberStateByName(): (typed: string) => MemberState | undefined {
  const { data: states } = useMemberStates();
  const locale = useLocale();
  return useCallback(
    (typed: string) => {
      const name = typed.trim().toLocaleLowerCase(locale);
      return states?.find((state) => state.name.toLocaleLowerCase(locale) === name || state.code.toLowerCase() === name);
    },
    [states, locale],
  );
}
