import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** What passwordProblem needs of zxcvbn's answer: the guesses, and which of the given words it found. */
export interface Estimate {
  guesses: number;
  givenWordsFound: string[];
}

// zxcvbn-ts estimates how many guesses an attacker needs, knowing 30,000 common and breached
// passwords, keyboard walks (qwerty, azerty, qwertz, dvorak, keypads), repeats, sequences, dates,
// l33t substitutions and the words given per check. Only the first 64 characters are scored:
// the estimate grows quickly with length, and a longer password is past any threshold anyway.
// Its dictionaries take ~7 MB of heap (20 MB of memory) once built, so they load on the first check.
let factory: Promise<ZxcvbnFactory> | undefined;
function zxcvbn(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const { ZxcvbnFactory } = await import('@zxcvbn-ts/core');
    const { adjacencyGraphs, dictionary } = await import('@zxcvbn-ts/language-common');
    return new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: 64 });
  })();
  return factory;
}

/** zxcvbn's estimate for `password`, with `words` (the site's, the owner's) as a dictionary of their own. */
export async function estimate(password: string, words: string[]): Promise<Estimate> {
  const result = (await zxcvbn()).check(password, words);
  return {
    guesses: result.guesses,
    givenWordsFound: result.sequence
      .filter((match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs')
      .map((match) => String(match.matchedWord ?? '')),
  };
}
