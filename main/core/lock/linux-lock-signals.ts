import dbus from '@particle/dbus-next';
import type { LockTrigger } from './auto-lock.js';

/**
 * Linux has no lock-screen event in Electron, so the app listens on D-Bus itself, for signals only (it calls no
 * method of these services and needs none of them to be running):
 * - the session bus: `ActiveChanged(true)` of `org.freedesktop.ScreenSaver` (KDE, Xfce, most others) and of
 *   `org.gnome.ScreenSaver` (GNOME): the screen locked or the screensaver started;
 * - the system bus: logind's `org.freedesktop.login1.Session.Lock` (loginctl lock-session, many desktops) and
 *   `org.freedesktop.login1.Manager.PrepareForSleep(true)` (about to suspend).
 *
 * @particle/dbus-next: the maintained fork of dbus-next (pure JavaScript, so nothing to build for Electron; typed;
 * released 2026), where dbus-next itself has had no release since 2021 and dbus-native is callback-era.
 */
const RULES: { bus: 'session' | 'system'; iface: string; member: string; trigger: LockTrigger; when: (body: unknown[]) => boolean }[] = [
  { bus: 'session', iface: 'org.freedesktop.ScreenSaver', member: 'ActiveChanged', trigger: 'screenLocked', when: (body) => body[0] === true },
  { bus: 'session', iface: 'org.gnome.ScreenSaver', member: 'ActiveChanged', trigger: 'screenLocked', when: (body) => body[0] === true },
  { bus: 'system', iface: 'org.freedesktop.login1.Session', member: 'Lock', trigger: 'screenLocked', when: () => true },
  { bus: 'system', iface: 'org.freedesktop.login1.Manager', member: 'PrepareForSleep', trigger: 'suspend', when: (body) => body[0] === true },
];

export interface LinuxBuses {
  session: dbus.MessageBus | null;
  system: dbus.MessageBus | null;
}

/** The real buses; either is null when it cannot be reached (no desktop session, a container). */
export function connectLinuxBuses(): LinuxBuses {
  const connect = (open: () => dbus.MessageBus): dbus.MessageBus | null => {
    try {
      const bus = open();
      bus.on('error', () => undefined); // a bus that goes away only ends these signals; the app goes on
      return bus;
    } catch {
      return null;
    }
  };
  return { session: connect(() => dbus.sessionBus()), system: connect(() => dbus.systemBus()) };
}

/** Listens for the signals above on `buses`; returns a function that stops listening (and leaves the buses open). */
export function linuxLockSignals(buses: LinuxBuses, onError: (error: unknown) => void = () => undefined): (listener: (trigger: LockTrigger) => void) => () => void {
  return (listener) => {
    const stops: (() => void)[] = [];
    for (const which of ['session', 'system'] as const) {
      const bus = buses[which];
      if (!bus) continue;
      const rules = RULES.filter((rule) => rule.bus === which);
      for (const rule of rules) {
        const match = `type='signal',interface='${rule.iface}',member='${rule.member}'`;
        bus.call(new dbus.Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's', body: [match] })).catch(onError);
      }
      const onMessage = (message: dbus.Message) => {
        if (message.type !== dbus.MessageType.SIGNAL) return;
        const rule = rules.find((r) => r.iface === message.interface && r.member === message.member);
        if (rule && rule.when(message.body ?? [])) listener(rule.trigger);
      };
      bus.on('message', onMessage);
      stops.push(() => bus.removeListener('message', onMessage));
    }
    return () => {
      for (const stop of stops) stop();
    };
  };
}
