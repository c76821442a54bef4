#!/usr/bin/env node
// npm run fuzz -- [--count N] [--seed S]: the fuzzing suite (fuzz/) with N inputs per parser (100,000 by default;
// `npm test` runs 3,000). Prints each parser's tally; a failure names the input and the seed to replay it.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string' } } });
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count < 1) {
  console.error('--count must be a whole number of inputs, e.g. --count 100000');
  process.exit(2);
}
const env = { ...process.env, FUZZ_COUNT: String(count), ...(values.seed === undefined ? {} : { FUZZ_SEED: values.seed }) };
const run = spawnSync('npx', ['vitest', 'run', 'fuzz/'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
