import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { silentLogger } from '../logger.js';
import { memoryClipboard, type ClipboardPort } from './clipboard-port.js';
import { ClipboardService } from './clipboard-service.js';

const T0 = 1_700_000_000_000;

function setup(seconds = 30, port: ClipboardPort = memoryClipboard('before')) {
  const clock = new ManualClock(T0);
  const service = new ClipboardService({ port, clock, log: silentLogger, clearAfterSeconds: () => seconds });
  return { clock, port, service };
}
/** Lets the clear (which reads the clipboard, possibly asynchronously) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ClipboardService', () => {
  it('writes the code and clears it after the configured delay', async () => {
    const { clock, port, service } = setup(30);
    expect(await service.copy('123456')).toEqual({ clearsAt: T0 + 30_000 });
    expect(port.readText()).toBe('123456');
    clock.advance(29_999);
    await settle();
    expect(port.readText()).toBe('123456');
    clock.advance(1);
    await settle();
    expect(port.readText()).toBe('');
  });

  it('does not clear what the person copied since', async () => {
    const { clock, port, service } = setup(10);
    await service.copy('123456');
    await port.writeText('my own text');
    clock.advance(60_000);
    await settle();
    expect(port.readText()).toBe('my own text');
  });

  it('a second copy replaces the pending clear and restarts the delay', async () => {
    const { clock, port, service } = setup(30);
    await service.copy('111111');
    clock.advance(20_000);
    expect(await service.copy('222222')).toEqual({ clearsAt: T0 + 50_000 });
    clock.advance(15_000); // past the first copy's clear time
    await settle();
    expect(port.readText()).toBe('222222');
    clock.advance(15_000);
    await settle();
    expect(port.readText()).toBe('');
  });

  it('works with an asynchronous clipboard and reads the delay at each copy', async () => {
    let text = '';
    const port: ClipboardPort = { readText: async () => text, writeText: async (value) => void (text = value) };
    let seconds = 5;
    const clock = new ManualClock(T0);
    const service = new ClipboardService({ port, clock, log: silentLogger, clearAfterSeconds: async () => seconds });
    await service.copy('654321');
    seconds = 60;
    expect((await service.copy('654322')).clearsAt).toBe(T0 + 60_000);
    clock.advance(5_000);
    await settle();
    expect(text).toBe('654322');
    clock.advance(55_000);
    await settle();
    expect(text).toBe('');
  });

  it('flush clears at once if the code is still there; dispose cancels the clear', async () => {
    const { clock, port, service } = setup(30);
    await service.copy('123456');
    await service.flush();
    expect(port.readText()).toBe('');
    await service.copy('777777');
    service.dispose();
    clock.advance(60_000);
    await settle();
    expect(port.readText()).toBe('777777');
  });
});
