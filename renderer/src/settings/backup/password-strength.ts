import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string };

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** The estimator is large (its dictionaries), so it loads only when someone starts typing a backup password. */
let estimator: Promise<ZxcvbnFactory> | undefined;
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/**
 * How hard the password is to guess (zxcvbn: dictionaries, keyboard patterns, dates, repeats), rather than a
 * count of character classes. The app's own words count against it.
 */
export async function estimateStrength(password: string): Promise<Strength> {
  const zxcvbn = await loadEstimator();
  const { score } = zxcvbn.check(password, ['authenticator', 'backup', 'onedrive', 'microsoft', 'password']);
  return { score, label: LABELS[score] };
}
