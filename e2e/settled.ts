import type { Locator, Page } from '@playwright/test';

/**
 * Resolves once every transition-like animation has finished, on the whole page or under one element: a contrast
 * check or a screenshot taken in the middle of a fade measures a paler screen than anyone sees. Endless ones (a
 * spinner) and ones of a second or more (the countdown ring, a clock rather than a transition) are left running; a
 * cancelled one counts as done. (e2e is compiled without the DOM library, hence the structural types.)
 */
export async function animationsSettled(target: Page | Locator): Promise<void> {
  const root = 'evaluateAll' in target ? target : target.locator(':root');
  await root.evaluate((element) =>
    Promise.all(
      (element as unknown as Animated)
        .getAnimations({ subtree: true })
        .filter((a) => {
          const timing = a.effect?.getTiming();
          return (timing?.iterations ?? 1) !== Infinity && Number(timing?.duration ?? 0) < 1000;
        })
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

interface Animated {
  getAnimations(options: { subtree: boolean }): { effect: { getTiming(): { iterations?: number; duration?: number | string } } | null; finished: Promise<unknown> }[];
}
