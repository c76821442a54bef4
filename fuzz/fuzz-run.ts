import fc from 'fast-check';
import { expect } from 'vitest';
import { AppError } from '../shared/errors.js';

/**
 * How many inputs each parser gets and from which seed. CI runs a few thousand per parser; `npm run fuzz -- --count
 * 100000` runs the full figure. The seed is printed so any failure can be replayed with FUZZ_SEED.
 */
export const FUZZ_COUNT = Number(process.env.FUZZ_COUNT ?? 3000);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261207);

/** No single input may take longer than this (a parser that stalls on a crafted input is a denial of service). */
export const INPUT_BUDGET_MS = 1000;

export interface FuzzTally {
  inputs: number;
  accepted: number;
  /** Typed refusals, by error kind. */
  refused: Map<string, number>;
  slowestMs: number;
}

/**
 * Feeds `count` inputs drawn from `inputs` (seeded) to `parse`. Passing means: every input is either accepted or
 * refused with an AppError (never another exception), and none takes longer than the budget. `check` may assert more
 * of an accepted result. Returns the tally, which the test prints.
 */
export async function fuzz<T>(
  name: string,
  inputs: fc.Arbitrary<T>,
  parse: (input: T) => unknown,
  options: { count?: number; check?: (result: unknown, input: T) => void } = {},
): Promise<FuzzTally> {
  const count = options.count ?? FUZZ_COUNT;
  const tally: FuzzTally = { inputs: 0, accepted: 0, refused: new Map(), slowestMs: 0 };
  const samples = fc.sample(inputs, { seed: FUZZ_SEED, numRuns: count });
  for (const [index, input] of samples.entries()) {
    let took = await timed(async () => {
      let result: unknown;
      try {
        result = await parse(input);
        tally.accepted++;
        options.check?.(result, input);
      } catch (error) {
        if (!(error instanceof AppError)) {
          throw new Error(`${name}: input #${index} (seed ${FUZZ_SEED}) threw an untyped ${describe(error)}; input: ${preview(input)}`, { cause: error });
        }
        tally.refused.set(error.kind, (tally.refused.get(error.kind) ?? 0) + 1);
      }
    });
    // A loaded machine (other test runs, a collection) can stall one call; a parser slow on an input is slow again.
    if (took >= INPUT_BUDGET_MS) took = Math.min(took, await timed(async () => void (await Promise.resolve(parse(input)).catch(() => undefined))));
    tally.slowestMs = Math.max(tally.slowestMs, took);
    expect(took, `${name}: input #${index} (seed ${FUZZ_SEED}) took ${took.toFixed(0)} ms of CPU twice; input: ${preview(input)}`).toBeLessThan(INPUT_BUDGET_MS);
    tally.inputs++;
  }
  const kinds = [...tally.refused].map(([kind, n]) => `${kind} ${n}`).join(', ');
  console.log(`fuzz ${name}: ${tally.inputs} inputs (seed ${FUZZ_SEED}), ${tally.accepted} accepted, refused: ${kinds || 'none'}; slowest ${tally.slowestMs.toFixed(1)} ms`);
  return tally;
}

/** CPU time the call used (user and system), in ms: what the input costs, not how busy the machine was. */
async function timed(call: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function preview(input: unknown): string {
  const text = typeof input === 'string' ? input : input instanceof Uint8Array ? Buffer.from(input).toString('base64') : JSON.stringify(input);
  return (text ?? String(input)).slice(0, 300);
}

/** A test's time limit for FUZZ_COUNT inputs at a generous cost per input (the full run is 100,000 per parser). */
export function fuzzTimeout(msPerInput: number): number {
  return Math.max(30_000, FUZZ_COUNT * msPerInput);
}
