import { describe, expect, it } from 'vitest';
import type { AccountView, CodeBatch } from '../../../shared/account.js';
import { TrayMenu, type TrayItem } from '../../../shared/tray.js';
import { findTrayItem, trayCopiedNotification, trayMenu, type TrayModelInput } from './tray-model.js';

const otp = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
const account = (id: string, issuer: string, name: string, extra: Partial<AccountView> = {}): AccountView => ({
  id,
  issuer,
  name,
  kind: 'other',
  otp,
  deviceBound: false,
  needsVerification: false,
  pinned: false,
  ...extra,
});
const batch = (codes: Record<string, string>, issuedAt = 1_700_000_000_000): CodeBatch => ({
  issuedAt,
  codes: Object.entries(codes).map(([id, code]) => ({ id, code, validFrom: issuedAt, validUntil: issuedAt + 30_000, next: '000000' })),
});
const unlocked = { available: false, locked: false };
const menu = (input: Partial<TrayModelInput> & Pick<TrayModelInput, 'accounts'>) =>
  TrayMenu.parse(trayMenu({ codes: null, settings: { trayMaxAccounts: 10 }, lock: unlocked, ...input }));
const items = (m: TrayMenu) => m.entries.filter((e): e is TrayItem => e.type === 'item');
const labels = (m: TrayMenu) => items(m).map((i) => i.label);

const github = account('aaaa1', 'GitHub', 'alice');
const google = account('bbbb2', 'Google', 'alice@example.com');
const bare = account('cccc3', '', 'just-a-name');

describe('trayMenu', () => {
  it('lists the accounts in tile order with issuer, name and the grouped code, then Open and Quit', () => {
    const m = menu({ accounts: [google, github, bare], codes: batch({ aaaa1: '123456', bbbb2: '987654', cccc3: '12345678' }) });
    expect(labels(m)).toEqual(['Google, alice@example.com 987 654', 'GitHub, alice 123 456', 'just-a-name 1234 5678', 'Open Authenticator', 'Quit']);
    expect(items(m)[1]).toMatchObject({ id: 'account:aaaa1', enabled: true, action: { type: 'copyCode', accountId: 'aaaa1' } });
    expect(m.entries.map((e) => e.type)).toEqual(['item', 'item', 'item', 'separator', 'item', 'separator', 'item']);
    expect(findTrayItem(m, 'quit')?.action).toEqual({ type: 'quit' });
    // Lock is hidden until app lock exists.
    expect(findTrayItem(m, 'lock')).toBeUndefined();
    expect(labels(menu({ accounts: [github], lock: { available: true, locked: false } }))).toContain('Lock');
  });

  it('follows a new code batch (rollover) and a new order', () => {
    const before = menu({ accounts: [github, google], codes: batch({ aaaa1: '123456', bbbb2: '987654' }) });
    const after = menu({ accounts: [github, google], codes: batch({ aaaa1: '222333', bbbb2: '444555' }, 1_700_000_030_000) });
    expect(labels(before).slice(0, 2)).toEqual(['GitHub, alice 123 456', 'Google, alice@example.com 987 654']);
    expect(labels(after).slice(0, 2)).toEqual(['GitHub, alice 222 333', 'Google, alice@example.com 444 555']);
    const reordered = menu({ accounts: [google, github], codes: batch({ aaaa1: '222333', bbbb2: '444555' }) });
    expect(labels(reordered).slice(0, 2)).toEqual(['Google, alice@example.com 444 555', 'GitHub, alice 222 333']);
  });

  it('over the limit lists only the pinned accounts plus "All accounts…"', () => {
    const many = Array.from({ length: 12 }, (_, i) => account(`acct${i}`, `Issuer${i}`, `user${i}`, { pinned: i === 3 || i === 9 }));
    const codes = batch(Object.fromEntries(many.map((a, i) => [a.id, String(100000 + i)])));
    const m = menu({ accounts: many, codes });
    expect(labels(m)).toEqual(['Issuer3, user3 100 003', 'Issuer9, user9 100 009', 'All accounts…', 'Open Authenticator', 'Quit']);
    expect(findTrayItem(m, 'all-accounts')?.action).toEqual({ type: 'showAllAccounts' });
    // At the limit, everything is listed.
    expect(items(menu({ accounts: many, codes, settings: { trayMaxAccounts: 12 } }))).toHaveLength(14);
    // Over the limit with nothing pinned: a hint.
    const none = menu({ accounts: many.map((a) => ({ ...a, pinned: false })), codes });
    expect(labels(none)).toEqual(['Pin accounts to list them here', 'All accounts…', 'Open Authenticator', 'Quit']);
    expect(items(none)[0]!.enabled).toBe(false);
  });

  it('shows accounts needing verification as "Action required", disabled, copying nothing', () => {
    const restored = account('dddd4', 'Bank', 'me', { needsVerification: true });
    const m = menu({ accounts: [restored, github], codes: batch({ aaaa1: '123456' }) });
    expect(items(m)[0]).toEqual({ type: 'item', id: 'account:dddd4', label: 'Bank, me – Action required', enabled: false, action: null });
    expect(findTrayItem(m, 'account:dddd4')).toBeUndefined();
    // Before the first batch arrives, accounts are listed but cannot be chosen yet.
    expect(items(menu({ accounts: [github] }))[0]).toMatchObject({ label: 'GitHub, alice …', enabled: false });
  });

  it('an empty vault shows a disabled "No accounts yet" plus Open and Quit', () => {
    const m = menu({ accounts: [], codes: batch({}) });
    expect(items(m).map((i) => [i.label, i.enabled])).toEqual([
      ['No accounts yet', false],
      ['Open Authenticator', true],
      ['Quit', true],
    ]);
  });

  it('when locked shows no accounts and no codes', () => {
    const m = menu({ accounts: [github], codes: batch({ aaaa1: '123456' }), lock: { available: true, locked: true } });
    expect(labels(m)).toEqual(['Locked', 'Unlock…', 'Quit']);
    expect(JSON.stringify(m)).not.toContain('123');
  });

  it('shortens long issuers and names with an ellipsis, never splitting a character', () => {
    const long = account('eeee5', 'I'.repeat(200), 'n'.repeat(200));
    const m = menu({ accounts: [long], codes: batch({ eeee5: '123456' }) });
    // Issuer at most 24 characters, name at most 32, ellipsis included.
    expect(labels(m)[0]).toBe(`${'I'.repeat(23)}…, ${'n'.repeat(31)}… 123 456`);
    // At the limit nothing changes.
    const exact = account('ffff6', 'I'.repeat(24), 'n'.repeat(32));
    expect(labels(menu({ accounts: [exact], codes: batch({ ffff6: '123456' }) }))[0]).toBe(`${'I'.repeat(24)}, ${'n'.repeat(32)} 123 456`);
    // Characters outside the BMP (surrogate pairs) and emoji sequences count as one and are never cut in half.
    const emoji = account('gggg7', '😀'.repeat(30), '👩‍👩‍👧'.repeat(40), { needsVerification: true });
    const label = labels(menu({ accounts: [emoji] }))[0]!;
    expect(label).toBe(`${'😀'.repeat(23)}…, ${'👩‍👩‍👧'.repeat(31)}… – Action required`);
    expect(label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no lone surrogate
    // Only a name (no issuer) is shortened as a name.
    expect(labels(menu({ accounts: [account('hhhh8', '', 'x'.repeat(50))] }))[0]).toBe(`${'x'.repeat(31)}… …`);
  });

  it('the copy notification names the account as the menu does, shortened', () => {
    expect(trayCopiedNotification(account('eeee5', 'I'.repeat(200), 'alice'), 30)).toBe(`Code for ${'I'.repeat(23)}…, alice copied; clears in 30 s`);
    expect(trayCopiedNotification(account('eeee5', '', 'n'.repeat(200)), 5)).toBe(`Code for ${'n'.repeat(31)}… copied; clears in 5 s`);
    expect(trayCopiedNotification(github, 30)).toBe('Code for GitHub, alice copied; clears in 30 s');
  });
});

describe('the clock line', () => {
  it('heads the menu when the clock is off, says whether codes are corrected, and opens the window', () => {
    const off = menu({ accounts: [github], clock: { offsetMs: 90_000, off: true, correctionMs: 0 } });
    expect(labels(off)[0]).toBe('Clock 1 min 30 s behind: codes may be refused');
    expect(findTrayItem(off, 'clock')?.action).toEqual({ type: 'openWindow' });
    const corrected = menu({ accounts: [github], clock: { offsetMs: -125_000, off: true, correctionMs: -125_000 } });
    expect(labels(corrected)[0]).toBe('Clock 2 min 5 s ahead: codes corrected');
  });

  it('is absent when the clock is within 15 s, not measured, or the app is locked', () => {
    for (const clock of [{ offsetMs: 3000, off: false, correctionMs: 0 }, { offsetMs: null, off: false, correctionMs: 0 }, undefined]) {
      expect(labels(menu({ accounts: [github], clock })).some((l) => l.startsWith('Clock'))).toBe(false);
    }
    const locked = menu({ accounts: [github], lock: { available: true, locked: true }, clock: { offsetMs: 90_000, off: true, correctionMs: 0 } });
    expect(labels(locked).some((l) => l.startsWith('Clock'))).toBe(false);
  });
});

describe('the tray icon', () => {
  it('plain; the red dot when the backup is out of date; the padlock when locked, which wins over the dot', () => {
    expect(menu({ accounts: [github] })).toMatchObject({ icon: 'plain', tooltip: 'Authenticator' });
    expect(menu({ accounts: [github], backupOutOfDate: true })).toMatchObject({ icon: 'backupOutOfDate', tooltip: 'Authenticator (backup out of date)' });
    expect(menu({ accounts: [], backupOutOfDate: true, lock: { available: true, locked: true } })).toMatchObject({ icon: 'locked', tooltip: 'Authenticator (locked)' });
  });
});
