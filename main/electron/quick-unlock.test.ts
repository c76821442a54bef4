import { describe, expect, it } from 'vitest';
import { osQuickUnlock } from './quick-unlock.js';

describe('quick unlock per system', () => {
  it('is Touch ID on macOS, as available as Electron says, and passes its answer on', async () => {
    const asked: string[] = [];
    let answer: 'yes' | 'no' = 'yes';
    const port = osQuickUnlock('darwin', {
      canPromptTouchID: () => true,
      promptTouchID: async (reason) => {
        asked.push(reason);
        if (answer === 'no') throw new Error('cancelled');
      },
    });
    expect(port.label).toBe('Touch ID');
    expect(port.available()).toBe(true);
    await port.confirm('unlock Authenticator');
    answer = 'no';
    await expect(port.confirm('unlock Authenticator')).rejects.toThrow();
    expect(asked).toEqual(['unlock Authenticator', 'unlock Authenticator']);
    expect(osQuickUnlock('darwin', { canPromptTouchID: () => false, promptTouchID: async () => undefined }).available()).toBe(false);
  });

  it('is Windows Hello and polkit elsewhere, not available on this system, never confirming', async () => {
    const never = { canPromptTouchID: () => true, promptTouchID: async () => undefined };
    for (const [platform, label] of [['win32', 'Windows Hello'], ['linux', 'polkit']] as const) {
      const port = osQuickUnlock(platform, never);
      expect(port.label).toBe(label);
      expect(port.available()).toBe(false);
      await expect(port.confirm('x')).rejects.toThrow('not available on this system');
    }
  });
});
