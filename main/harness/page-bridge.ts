// Runs in the page served by the harness, before the app: builds `window.authenticator` from the same contract
// the Electron preload uses, carried over a WebSocket to the harness instead of Electron IPC.
import { eventNames, methodNames, type EventName } from '../../shared/contract-names.js';
import type { AuthenticatorBridge, Result } from '../../shared/contract.js';
import type { TrayMenu } from '../../shared/tray.js';

type Incoming =
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'openExternal'; url: string };

// The browser sends the harness's session cookie with the upgrade (same origin); the page itself holds no secret.
const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/rpc`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve());
  socket.addEventListener('error', () => reject(new Error('The harness connection failed.')));
});
const pending = new Map<number, (result: Result<unknown>) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message) => {
  const data = JSON.parse(String(message.data)) as Incoming;
  if (data.type === 'reply') {
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  } else if (data.type === 'openExternal') {
    openExternal(data.url);
  } else {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  }
});
socket.addEventListener('close', () => {
  for (const settle of pending.values()) settle({ ok: false, error: { kind: 'internal', message: 'The harness has stopped.' } });
  pending.clear();
});

/**
 * The harness's stand-in for the system browser (sign-in pages): a new tab, or, when the browser blocked the
 * pop-up, a banner with the link to click.
 */
function openExternal(url: string): void {
  if (!/^https?:\/\//.test(url)) return;
  const tab = window.open(url, '_blank');
  if (tab) {
    tab.opener = null;
    return;
  }
  const banner = document.createElement('p');
  banner.className = 'harness-open-external';
  banner.setAttribute('role', 'alert');
  const link = document.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = 'Open the sign-in page';
  banner.append('The browser blocked the sign-in tab. ', link);
  document.body.prepend(banner);
  link.addEventListener('click', () => banner.remove());
}

const bridge: Record<string, unknown> = {
  on(event: EventName, listener: (payload: unknown) => void) {
    if (!eventNames.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  },
};
for (const method of methodNames) {
  bridge[method] = async (request: unknown) => {
    await opened;
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, method, request: request ?? {} }));
    });
  };
}
Object.defineProperty(window, 'authenticator', { value: Object.freeze(bridge as unknown as AuthenticatorBridge), writable: false });

// The harness's /tray page: the tray menu model as buttons, through the same contract. (It lives in this script because
// the CSP allows no inline scripts and this is the one harness page script the type-checker sees with DOM types.)
if (document.querySelector('meta[name="harness-page"]')?.getAttribute('content') === 'tray') {
  document.addEventListener('DOMContentLoaded', () => void startTrayPage(bridge as unknown as AuthenticatorBridge));
}

async function startTrayPage(api: AuthenticatorBridge): Promise<void> {
  const list = document.getElementById('tray-menu')!;
  const status = document.getElementById('tray-status')!;
  let updated = false;

  const choose = async (itemId: string) => {
    const result = await api.chooseTrayItem({ itemId });
    if (!result.ok) {
      status.textContent = result.error.message;
      return;
    }
    const { action, copied } = result.value;
    if (copied) status.textContent = copied.notification; // the desktop app shows this as a notification
    else if (action.type === 'openWindow' || action.type === 'showAllAccounts') location.assign('/');
    else if (action.type === 'quit') status.textContent = 'The app would quit now (the harness keeps running).';
    else if (action.type === 'lock') status.textContent = 'The app is locked.';
  };

  const render = (menu: TrayMenu) => {
    document.title = `${menu.tooltip} – tray menu (harness)`;
    list.replaceChildren(
      ...menu.entries.map((entry) => {
        const li = document.createElement('li');
        if (entry.type === 'separator') {
          li.setAttribute('role', 'separator');
          li.className = 'separator';
          return li;
        }
        li.setAttribute('role', 'none');
        const button = document.createElement('button');
        button.type = 'button';
        button.setAttribute('role', 'menuitem');
        button.textContent = entry.label;
        button.disabled = !entry.enabled;
        button.dataset.itemId = entry.id;
        button.addEventListener('click', () => void choose(entry.id));
        li.append(button);
        return li;
      }),
    );
  };

  api.on('trayMenuChanged', (menu) => {
    updated = true;
    render(menu);
  });
  const first = await api.getTrayMenu({});
  if (!first.ok) status.textContent = first.error.message;
  else if (!updated) render(first.value);
}
