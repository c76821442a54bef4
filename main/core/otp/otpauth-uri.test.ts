import { seededRandom } from '../testing/test-helpers.js';
import { describe, expect, it } from 'vitest';
import { AppError, InputField } from '../../../shared/errors.js';
import { OtpParams } from '../../../shared/otp.js';
import { parseOtpauthUri, validateOtpParams } from './otpauth-uri.js';

const KEY = 'JBSWY3DPEHPK3PXP'; // 10 bytes: "Hello!\xde\xad\xbe\xef"

/** Runs `fn` and returns the AppError it throws; fails the test if it returns or throws anything else. */
function appErrorOf(fn: () => unknown): AppError {
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`expected an AppError, got ${JSON.stringify(result)}`);
}

function expectInvalid(uri: string, field: InputField, message?: RegExp): void {
  const error = appErrorOf(() => parseOtpauthUri(uri));
  expect(error.kind).toBe('invalidInput');
  expect(error.field).toBe(field);
  expect(error.message.length).toBeGreaterThan(10);
  if (message) expect(error.message).toMatch(message);
}

describe('parseOtpauthUri: good links', () => {
  it('reads the Key Uri Format example', () => {
    expect(
      parseOtpauthUri('otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30'),
    ).toEqual({
      issuer: 'ACME Co',
      name: 'john.doe@email.com',
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    });
  });

  it('uses defaults SHA1, 6 digits, 30 s', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${KEY}`)).toEqual({
      issuer: '',
      name: 'alice',
      secret: KEY,
      otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    });
  });

  it('takes the issuer from the label prefix when there is no issuer parameter', () => {
    expect(parseOtpauthUri(`otpauth://totp/Example:alice@google.com?secret=${KEY}`)).toMatchObject({ issuer: 'Example', name: 'alice@google.com' });
    // Encoded colon and spaces around it.
    expect(parseOtpauthUri(`otpauth://totp/Big%20Co%3A%20alice?secret=${KEY}`)).toMatchObject({ issuer: 'Big Co', name: 'alice' });
  });

  it('prefers the issuer parameter over the label prefix', () => {
    expect(parseOtpauthUri(`otpauth://totp/Old:alice?secret=${KEY}&issuer=New%20Name`)).toMatchObject({ issuer: 'New Name', name: 'alice' });
    expect(parseOtpauthUri(`otpauth://totp/alice?issuer=GitHub&secret=${KEY}`)).toMatchObject({ issuer: 'GitHub', name: 'alice' });
  });

  it('decodes percent-encoded UTF-8 in label and parameters', () => {
    expect(parseOtpauthUri(`otpauth://totp/%E2%9C%93%20Co:al%C3%AFce%40example.com?secret=${KEY}`)).toMatchObject({
      issuer: '✓ Co',
      name: 'alïce@example.com',
    });
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&issuer=Caf%C3%A9%20%26%20Bar`)).toMatchObject({ issuer: 'Café & Bar' });
  });

  it('accepts a lowercase secret with spaces (raw or encoded) and padding', () => {
    for (const secret of ['jbswy3dpehpk3pxp', 'jbsw%20y3dp%20ehpk%203pxp', 'jbsw y3dp ehpk 3pxp', 'JBSWY3DPEHPK3PXP======', 'JBSWY3DPEHPK3PXP%3D%3D%3D%3D%3D%3D']) {
      expect(parseOtpauthUri(`otpauth://totp/x?secret=${secret}`).secret).toBe(KEY);
    }
    // A 20-byte key whose base32 form ends in padding.
    expect(parseOtpauthUri('otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====').secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA');
  });

  it('reads the algorithm in any case and with a dash', () => {
    const cases: [string, string][] = [
      ['sha1', 'SHA1'],
      ['Sha256', 'SHA256'],
      ['SHA512', 'SHA512'],
      ['sha-256', 'SHA256'],
      ['SHA-512', 'SHA512'],
    ];
    for (const [raw, algorithm] of cases) {
      expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&algorithm=${raw}`).otp.algorithm).toBe(algorithm);
    }
  });

  it('reads digits, period and counter', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&digits=8&period=60`).otp).toEqual({ type: 'totp', algorithm: 'SHA1', digits: 8, period: 60, counter: 0 });
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&digits=7`).otp.digits).toBe(7);
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&period=5`).otp.period).toBe(5);
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&period=3600`).otp.period).toBe(3600);
  });

  it('reads HOTP links with their counter', () => {
    expect(parseOtpauthUri(`otpauth://hotp/Bank:bob?secret=${KEY}&counter=42&digits=8&algorithm=SHA256`)).toEqual({
      issuer: 'Bank',
      name: 'bob',
      secret: KEY,
      otp: { type: 'hotp', algorithm: 'SHA256', digits: 8, period: 30, counter: 42 },
    });
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${KEY}&counter=0`).otp.counter).toBe(0);
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${KEY}&counter=9007199254740991`).otp.counter).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads Steam links in both forms', () => {
    const expected = { issuer: 'Steam', name: 'gaben', secret: KEY, otp: { type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 } };
    expect(parseOtpauthUri(`otpauth://steam/Steam:gaben?secret=${KEY}`)).toEqual(expected);
    expect(parseOtpauthUri(`otpauth://totp/Steam:gaben?secret=${KEY}&issuer=Steam&encoder=steam`)).toEqual(expected);
    expect(parseOtpauthUri(`otpauth://totp/Steam:gaben?secret=${KEY}&encoder=Steam`).otp.type).toBe('steam');
    // encoder=steam only changes TOTP; another encoder leaves it TOTP.
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&encoder=other`).otp.type).toBe('totp');
  });

  it('accepts an upper-case scheme and type, and surrounding whitespace', () => {
    expect(parseOtpauthUri(`OTPAUTH://TOTP/x?secret=${KEY}`).otp.type).toBe('totp');
    expect(parseOtpauthUri(`otpauth://HOTP/x?secret=${KEY}&counter=1`).otp.type).toBe('hotp');
    expect(parseOtpauthUri(`  otpauth://totp/x?secret=${KEY}\n`).name).toBe('x');
  });

  it('accepts a link with only an issuer', () => {
    expect(parseOtpauthUri(`otpauth://totp/?secret=${KEY}&issuer=Solo`)).toMatchObject({ issuer: 'Solo', name: '' });
  });

  it('returns parameters that satisfy the shared schema', () => {
    const draft = parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&algorithm=sha512&digits=8&period=45`);
    expect(OtpParams.safeParse(draft.otp).success).toBe(true);
  });
});

describe('parseOtpauthUri: bad links are typed errors with the right field', () => {
  it('not an otpauth link', () => {
    expectInvalid('', 'uri');
    expectInvalid('   ', 'uri');
    expectInvalid(`https://example.com/totp/x?secret=${KEY}`, 'uri', /otpauth:\/\//);
    expectInvalid(`otpauth:totp/x?secret=${KEY}`, 'uri');
    expectInvalid(KEY, 'uri');
    expectInvalid(`xotpauth://totp/x?secret=${KEY}`, 'uri');
  });

  it('Google Authenticator export link', () => {
    expectInvalid('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGGFsaWNlQGdvb2dsZS5jb20aB0V4YW1wbGUgASgBMAIQARgBIAA%3D', 'uri', /export|migration/i);
  });

  it('malformed URL', () => {
    expectInvalid(`otpauth://to tp/x?secret=${KEY}`, 'uri');
    expectInvalid(`otpauth://totp:99999/x?secret=${KEY}`, 'uri');
  });

  it('missing or unknown type', () => {
    expectInvalid(`otpauth:///x?secret=${KEY}`, 'type', /TOTP or HOTP/);
    expectInvalid(`otpauth://?secret=${KEY}`, 'type');
    expectInvalid(`otpauth://motp/x?secret=${KEY}`, 'type', /motp/);
    expectInvalid(`otpauth://yaotp/x?secret=${KEY}`, 'type');
  });

  it('missing secret', () => {
    expectInvalid('otpauth://totp/x', 'secret', /secret/);
    expectInvalid('otpauth://totp/x?issuer=A', 'secret', /secret/);
    expectInvalid('otpauth://totp/x?secret=', 'secret');
    expectInvalid('otpauth://totp/x?secret=%20%20', 'secret');
    expectInvalid(`otpauth://totp/x?SECRET=${KEY}`, 'secret');
  });

  it('secret that is not base32', () => {
    for (const bad of ['1', '0', '8', '!', '%21', '%C3%A9']) {
      expectInvalid(`otpauth://totp/x?secret=JBSWY3DPEHPK3PX${bad}`, 'secret', /base32/);
    }
    expectInvalid('otpauth://totp/x?secret=JBSWY3DP=EHPK3PXP', 'secret', /base32/);
  });

  it('secret whose length cannot be whole bytes', () => {
    // 17, 19 and 22 characters leave 5 or more bits over.
    for (const bad of [`${KEY}A`, `${KEY}AAA`, `${KEY}AAAAAA`]) expectInvalid(`otpauth://totp/x?secret=${bad}`, 'secret', /length/);
  });

  it('secret too short or too long', () => {
    expectInvalid('otpauth://totp/x?secret=JBSWY3DP', 'secret', /too short/); // 5 bytes
    expectInvalid('otpauth://totp/x?secret=JBSWY3DPEHPK3PA', 'secret', /too short/); // 9 bytes
    expectInvalid(`otpauth://totp/x?secret=${'A'.repeat(208)}`, 'secret', /too long/); // 130 bytes
  });

  it('unknown algorithm', () => {
    for (const bad of ['MD5', 'SHA224', 'SHA3-256', '', 'sha']) expectInvalid(`otpauth://totp/x?secret=${KEY}&algorithm=${bad}`, 'algorithm');
    expectInvalid(`otpauth://totp/x?secret=${KEY}&algorithm=MD5`, 'algorithm', /MD5/);
  });

  it('digits out of range or not a number', () => {
    for (const bad of ['0', '5', '9', '10', 'abc', '', '-6', '6.0', '1e1', '99999999999999999999999', '9'.repeat(400)]) {
      expectInvalid(`otpauth://totp/x?secret=${KEY}&digits=${bad}`, 'digits');
    }
    expectInvalid(`otpauth://steam/x?secret=${KEY}&digits=6`, 'digits', /Steam/);
    expectInvalid(`otpauth://totp/x?secret=${KEY}&encoder=steam&digits=8`, 'digits');
  });

  it('Steam with another algorithm', () => {
    expectInvalid(`otpauth://steam/x?secret=${KEY}&algorithm=SHA256`, 'algorithm', /SHA1/);
  });

  it('period out of range or not a whole number', () => {
    for (const bad of ['0', '-1', '4', '3601', '99999', '1.5', 'abc', '', '30s']) {
      expectInvalid(`otpauth://totp/x?secret=${KEY}&period=${bad}`, 'period');
    }
  });

  it('HOTP without a counter, or a bad counter', () => {
    expectInvalid(`otpauth://hotp/x?secret=${KEY}`, 'counter', /counter/);
    for (const bad of ['-1', 'abc', '', '1.5', '0x10', '9007199254740992', '99999999999999999999']) {
      expectInvalid(`otpauth://hotp/x?secret=${KEY}&counter=${bad}`, 'counter');
    }
  });

  it('duplicated parameters', () => {
    expectInvalid(`otpauth://totp/x?secret=${KEY}&secret=${KEY}`, 'uri', /secret/);
    expectInvalid(`otpauth://totp/x?secret=${KEY}&issuer=A&issuer=B`, 'uri', /issuer/);
    expectInvalid(`otpauth://totp/x?secret=${KEY}&digits=6&digits=8`, 'uri', /digits/);
  });

  it('labels and issuers that are too long', () => {
    expectInvalid(`otpauth://totp/${'n'.repeat(257)}?secret=${KEY}`, 'name', /too long/);
    expectInvalid(`otpauth://totp/${'n'.repeat(600)}?secret=${KEY}`, 'name', /too long/);
    expectInvalid(`otpauth://totp/${'i'.repeat(257)}:bob?secret=${KEY}`, 'issuer', /too long/);
    expectInvalid(`otpauth://totp/bob?secret=${KEY}&issuer=${'i'.repeat(257)}`, 'issuer', /too long/);
    // 256 each is still fine, with or without a space after the colon.
    expect(parseOtpauthUri(`otpauth://totp/${'i'.repeat(256)}:${'n'.repeat(256)}?secret=${KEY}`)).toMatchObject({ issuer: 'i'.repeat(256), name: 'n'.repeat(256) });
    expect(parseOtpauthUri(`otpauth://totp/${'i'.repeat(256)}:%20${'n'.repeat(256)}?secret=${KEY}`)).toMatchObject({ issuer: 'i'.repeat(256), name: 'n'.repeat(256) });
    // A long label prefix does not matter when the issuer parameter replaces it.
    expect(parseOtpauthUri(`otpauth://totp/${'i'.repeat(300)}:bob?secret=${KEY}&issuer=Short`)).toMatchObject({ issuer: 'Short', name: 'bob' });
  });

  it('a link that names neither issuer nor account', () => {
    expectInvalid(`otpauth://totp/?secret=${KEY}`, 'name');
    expectInvalid(`otpauth://totp/%20?secret=${KEY}&issuer=%20`, 'name');
  });

  it('malformed percent-encoding', () => {
    expectInvalid(`otpauth://totp/x%ZZ?secret=${KEY}`, 'name', /encoded/);
    expectInvalid(`otpauth://totp/Issuer:%E2%9C?secret=${KEY}`, 'name', /encoded/); // truncated UTF-8
    expectInvalid(`otpauth://totp/x%?secret=${KEY}`, 'name');
    expectInvalid(`otpauth://totp/x?secret=${KEY}&issuer=%ZZ`, 'issuer', /encoded/);
    expectInvalid(`otpauth://totp/x?secret=${KEY}&issuer=%C3%28`, 'issuer', /encoded/); // invalid UTF-8
    expectInvalid(`otpauth://totp/x?secret=${KEY}&issuer=100%`, 'issuer');
    expectInvalid(`otpauth://totp/x?secret=JBSWY3DP%ZZEHPK3PXP`, 'secret');
    expectInvalid(`otpauth://totp/x?secret=${KEY}&digits=%3`, 'digits');
    expectInvalid(`otpauth://totp/x?secret=${KEY}&whatever=%E0%A4%A`, 'uri');
  });

  it('huge inputs fail fast', () => {
    const huge = [
      `otpauth://totp/x?secret=${'A'.repeat(1 << 20)}`,
      `otpauth://totp/x?secret=${'='.repeat(1 << 20)}A`,
      'otpauth://totp/' + '%41'.repeat(350_000),
      ' '.repeat(1 << 20),
      'x'.repeat(1 << 20),
      `otpauth://totp/x?secret=${KEY}&issuer=${'%'.repeat(1 << 20)}`,
    ];
    for (const input of huge) {
      const started = performance.now();
      const error = appErrorOf(() => parseOtpauthUri(input));
      expect(performance.now() - started).toBeLessThan(200);
      expect(error.kind).toBe('invalidInput');
      expect(error.field).toBe('uri');
    }
  });

  it('a secret that just fits the length limit but is a long run of padding fails fast', () => {
    const started = performance.now();
    expectInvalid(`otpauth://totp/x?secret=${'='.repeat(4000)}A${'='.repeat(40)}`, 'secret');
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('validateOtpParams', () => {
  it('accepts good settings and normalizes the algorithm', () => {
    expect(validateOtpParams({ type: 'totp', algorithm: 'sha-256', digits: 7, period: 45, counter: 0 })).toEqual({
      type: 'totp',
      algorithm: 'SHA256',
      digits: 7,
      period: 45,
      counter: 0,
    });
  });

  it('rejects each bad setting with its field', () => {
    type Params = Parameters<typeof validateOtpParams>[0];
    const good: Params = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
    const cases: [Partial<Params>, InputField][] = [
      [{ algorithm: 'MD5' }, 'algorithm'],
      [{ digits: 5 }, 'digits'],
      [{ digits: 9 }, 'digits'],
      [{ digits: 6.5 }, 'digits'],
      [{ digits: Number.NaN }, 'digits'],
      [{ period: 0 }, 'period'],
      [{ period: 4 }, 'period'],
      [{ period: 3601 }, 'period'],
      [{ period: 1.5 }, 'period'],
      [{ period: Number.POSITIVE_INFINITY }, 'period'],
      [{ counter: -1 }, 'counter'],
      [{ counter: 0.5 }, 'counter'],
      [{ counter: 2 ** 53 }, 'counter'],
      [{ type: 'steam', digits: 6 }, 'digits'],
      [{ type: 'steam', digits: 5, algorithm: 'SHA512' }, 'algorithm'],
    ];
    for (const [change, field] of cases) {
      const error = appErrorOf(() => validateOtpParams({ ...good, ...change }));
      expect(error.kind).toBe('invalidInput');
      expect(error.field).toBe(field);
    }
  });
});

describe('parseOtpauthUri never throws anything but AppError', () => {

  it('on 2000 random strings and mutations of valid links', () => {
    const rand = seededRandom(20240607);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const valid = [
      `otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
      `otpauth://hotp/Bank:bob?secret=${KEY}&counter=42&digits=8&algorithm=SHA256`,
      `otpauth://steam/Steam:gaben?secret=${KEY}`,
      `otpauth://totp/Steam:gaben?secret=${KEY}&encoder=steam`,
      `otpauth://totp/%E2%9C%93:al%C3%AFce?secret=jbsw%20y3dp%20ehpk%203pxp&period=60`,
    ];
    const tokens = ['%', '%2', '%ZZ', '%E2%9C', ':', '/', '//', '?', '&', '=', '#', '+', ' ', '\u0000', '\uFFFF', '\uD800', '😀', 'é', '[', ']', '@', '\\',
      'secret=', 'issuer=', 'digits=', 'period=', 'counter=', 'algorithm=', 'encoder=steam', 'otpauth://', 'hotp', 'steam', '-1', '99999999999', 'NaN', 'A'.repeat(300)];
    const randomChar = () => (rand() < 0.5 ? String.fromCharCode(32 + Math.floor(rand() * 95)) : String.fromCharCode(Math.floor(rand() * 0x10000)));

    const inputs: string[] = [];
    for (let i = 0; i < 600; i++) {
      // Random bytes, read as Latin-1 or as code units, sometimes behind the scheme.
      const length = Math.floor(rand() * 200);
      const body = Array.from({ length }, randomChar).join('');
      inputs.push(rand() < 0.5 ? body : `otpauth://${body}`);
    }
    for (let i = 0; i < 1400; i++) {
      let text = pick(valid);
      const mutations = 1 + Math.floor(rand() * 6);
      for (let m = 0; m < mutations; m++) {
        const at = Math.floor(rand() * (text.length + 1));
        const op = rand();
        if (op < 0.3) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 5));
        else if (op < 0.6) text = text.slice(0, at) + pick(tokens) + text.slice(at);
        else if (op < 0.85) text = text.slice(0, at) + randomChar() + text.slice(at + 1);
        else text = text.slice(0, at) + text.slice(at).replace(/&/, '&' + pick(tokens)); // duplicate or garble a parameter
      }
      inputs.push(text);
    }
    expect(inputs).toHaveLength(2000);

    let accepted = 0;
    let rejected = 0;
    for (const input of inputs) {
      try {
        const draft = parseOtpauthUri(input);
        accepted++;
        // Whatever is accepted must be a complete, valid account.
        expect(OtpParams.safeParse(draft.otp).success).toBe(true);
        expect(draft.secret).toMatch(/^[A-Z2-7]{16,205}$/);
        expect(draft.issuer.length + draft.name.length).toBeGreaterThan(0);
        expect(draft.issuer.length).toBeLessThanOrEqual(256);
        expect(draft.name.length).toBeLessThanOrEqual(256);
      } catch (error) {
        if (!(error instanceof AppError)) throw new Error(`non-AppError for ${JSON.stringify(input)}`, { cause: error });
        expect(error.kind).toBe('invalidInput');
        expect(InputField.safeParse(error.field).success).toBe(true);
        rejected++;
      }
    }
    // The mutations must exercise both paths, or the loop proves little.
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(1000);
  });
});

describe('parseOtpauthUri: names that would deceive', () => {
  it('refuses bidi overrides, zero-width and control characters in the issuer, naming the field', () => {
    expectInvalid(`otpauth://totp/alice?secret=${KEY}&issuer=moc.%E2%80%AEelgoog`, 'issuer', /issuer contains a hidden or control character \(U\+202E\)/);
    expectInvalid(`otpauth://totp/Pay%E2%80%8Bpal:alice?secret=${KEY}`, 'issuer', /U\+200B/);
    expectInvalid(`otpauth://totp/alice?secret=${KEY}&issuer=Evil%1B%5B2J`, 'issuer', /U\+001B/);
  });

  it('refuses them in the account name, naming the field', () => {
    expectInvalid(`otpauth://totp/Example:ali%E2%81%A6ce?secret=${KEY}`, 'name', /account name contains a hidden or control character \(U\+2066\)/);
    expectInvalid(`otpauth://totp/Example:alice%0Aadmin?secret=${KEY}`, 'name', /U\+000A/);
    expectInvalid(`otpauth://totp/Example:pay%E2%80%8Dpal?secret=${KEY}`, 'name', /U\+200D/);
  });

  it('keeps names whose joiners are part of the script or an emoji', () => {
    const persian = 'می\u200cخواهم';
    expect(parseOtpauthUri(`otpauth://totp/${encodeURIComponent(`Bank:${persian}`)}?secret=${KEY}`).name).toBe(persian);
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&issuer=${encodeURIComponent('Dev 👩\u200d💻')}`).issuer).toBe('Dev 👩\u200d💻');
  });
});
