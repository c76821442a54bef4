import { describe, expect, it } from 'vitest';
import { isAppWindowFrame, type FrameLike } from './trusted-sender.js';

const frame = (url: string, destroyed = false): FrameLike => ({ url, isDestroyed: () => destroyed });

describe('who may call main', () => {
  const main = frame('app://authenticator/index.html');
  const quick = frame('app://authenticator/quick');

  it('the main window and the quick picker, each its top frame on our page', () => {
    expect(isAppWindowFrame(main, [main, quick])).toBe(true);
    expect(isAppWindowFrame(quick, [main, quick])).toBe(true);
  });

  it('not a frame of neither window, even one on our page (a subframe, a stray contents)', () => {
    expect(isAppWindowFrame(frame('app://authenticator/index.html'), [main, quick])).toBe(false);
    expect(isAppWindowFrame(null, [main, quick])).toBe(false);
    expect(isAppWindowFrame(quick, [main])).toBe(false);
  });

  it('not a window frame that navigated away or is gone', () => {
    const navigated = frame('https://evil.example/');
    const gone = frame('app://authenticator/index.html', true);
    const lookalike = frame('app://authenticator.evil/index.html');
    expect(isAppWindowFrame(navigated, [navigated])).toBe(false);
    expect(isAppWindowFrame(gone, [gone])).toBe(false);
    expect(isAppWindowFrame(lookalike, [lookalike])).toBe(false);
    const throwing: FrameLike = { get url(): string { throw new Error('torn down'); }, isDestroyed: () => false };
    expect(isAppWindowFrame(throwing, [throwing])).toBe(false);
  });
});
