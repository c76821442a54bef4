import dbus from '@particle/dbus-next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LockTrigger } from './auto-lock.js';
import { linuxLockSignals } from './linux-lock-signals.js';

// Against a small fake ScreenSaver service on the test's own private session bus (scripts/with-keyring.sh runs
// everything under dbus-run-session). logind lives on the system bus, which a test cannot own: its signals are sent
// by a fake logind on the same private bus, handed to the listener as its "system" bus.

const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

/** A fake screensaver: owns the well-known name and exports the interface whose ActiveChanged signal it emits. */
class FakeScreenSaver extends dbus.interface.Interface {
  ActiveChanged(active: boolean): boolean {
    return active; // a signal method returns its body; dbus-next sends it
  }
}
FakeScreenSaver.configureMembers({ signals: { ActiveChanged: { signature: 'b' } } });

const opened: dbus.MessageBus[] = [];
const open = () => {
  const bus = dbus.sessionBus();
  opened.push(bus);
  return bus;
};
afterEach(() => {
  for (const bus of opened.splice(0)) bus.disconnect();
});

describe.skipIf(!hasBus)('Linux screen lock over D-Bus', () => {
  it('hears ActiveChanged(true) of org.freedesktop.ScreenSaver and org.gnome.ScreenSaver, not ActiveChanged(false)', async () => {
    const appBus = open();
    const seen: LockTrigger[] = [];
    const stop = linuxLockSignals({ session: appBus, system: null })((trigger) => seen.push(trigger));
    await new Promise((resolve) => setTimeout(resolve, 200)); // AddMatch on its way

    for (const name of ['org.freedesktop.ScreenSaver', 'org.gnome.ScreenSaver']) {
      const serviceBus = open();
      await serviceBus.requestName(name, 0);
      const screensaver = new FakeScreenSaver(name);
      serviceBus.export(name === 'org.gnome.ScreenSaver' ? '/org/gnome/ScreenSaver' : '/org/freedesktop/ScreenSaver', screensaver);
      screensaver.ActiveChanged(false);
      screensaver.ActiveChanged(true);
    }
    await vi.waitFor(() => expect(seen).toEqual(['screenLocked', 'screenLocked']));

    stop();
    const later = open();
    later.send(dbus.Message.newSignal('/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver', 'ActiveChanged', 'b', [true]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(2);
  });

  it('hears logind: a session Lock, and PrepareForSleep(true) as suspend (not the wake-up, false)', async () => {
    const appBus = open();
    const seen: LockTrigger[] = [];
    linuxLockSignals({ session: null, system: appBus })((trigger) => seen.push(trigger));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logind = open();
    logind.send(dbus.Message.newSignal('/org/freedesktop/login1', 'org.freedesktop.login1.Manager', 'PrepareForSleep', 'b', [false]));
    logind.send(dbus.Message.newSignal('/org/freedesktop/login1/session/_31', 'org.freedesktop.login1.Session', 'Lock', '', []));
    logind.send(dbus.Message.newSignal('/org/freedesktop/login1', 'org.freedesktop.login1.Manager', 'PrepareForSleep', 'b', [true]));
    // A ScreenSaver signal on the "system" bus is not one of logind's and is ignored there.
    logind.send(dbus.Message.newSignal('/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver', 'ActiveChanged', 'b', [true]));
    await vi.waitFor(() => expect(seen).toEqual(['screenLocked', 'suspend']));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual(['screenLocked', 'suspend']);
  });
});
