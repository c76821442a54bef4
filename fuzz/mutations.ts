import fc from 'fast-check';

/**
 * Malformed inputs made from valid ones, the way real damage and real attacks look: bytes flipped, cut short, chunks
 * repeated or inserted, boundary values spliced in. fast-check draws the edits (seeded); applying them is here.
 */
type Edit =
  | { op: 'flip'; at: number; bits: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number; times: number }
  | { op: 'splice'; at: number; text: string };

/** Text that breaks naive parsers: numbers at the edges, escapes, huge repeats, odd unicode. */
const NASTY = [
  '0', '-1', '1e308', '9007199254740993', 'NaN', 'null', 'true', '[]', '{}', '""', '%', '%00', '%ZZ', '%E2%80%AE', '\\u0000', '\u202e', '\u200b',
  '\ud800', '=', '&', '?', '#', ':', '/', '//', '"', "'", '\n', '\r\n', 'A'.repeat(5000), '{"__proto__":{"x":1}}', '\ufeff',
];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }), times: fc.integer({ min: 2, max: 200 }) }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), text: fc.constantFrom(...NASTY) }),
);

function apply(bytes: Uint8Array, e: Edit): Uint8Array {
  const at = bytes.length === 0 ? 0 : e.at % (bytes.length + 1);
  const before = bytes.subarray(0, at);
  switch (e.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = Uint8Array.from(bytes);
      const index = e.at % bytes.length;
      copy[index] = copy[index]! ^ e.bits;
      return copy;
    }
    case 'truncate':
      return before;
    case 'insert':
      return concat(before, e.bytes, bytes.subarray(at));
    case 'delete':
      return concat(before, bytes.subarray(at + e.length));
    case 'repeat': {
      const chunk = bytes.subarray(at, at + e.length);
      return concat(before, ...Array<Uint8Array>(e.times).fill(chunk), bytes.subarray(at));
    }
    case 'splice':
      return concat(before, new TextEncoder().encode(e.text), bytes.subarray(at));
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

/** Bytes: one of the valid examples with 1 to 4 edits, or (one time in eight) random bytes. */
export function mutatedBytes(valid: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const mutated = fc
    .tuple(fc.constantFrom(...valid), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([base, edits]) => edits.reduce(apply, base));
  return fc.oneof({ arbitrary: mutated, weight: 7 }, { arbitrary: fc.uint8Array({ maxLength: 2048 }), weight: 1 });
}

/** Text: the same, over UTF-8 (invalid sequences decode to U+FFFD, as they would from a file or the clipboard). */
export function mutatedText(valid: readonly string[]): fc.Arbitrary<string> {
  const asBytes = valid.map((text) => new TextEncoder().encode(text));
  return fc.oneof(
    { arbitrary: mutatedBytes(asBytes).map((bytes) => Buffer.from(bytes).toString('utf8')), weight: 6 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
  );
}
