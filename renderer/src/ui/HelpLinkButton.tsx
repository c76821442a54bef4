import type { ReactNode } from 'react';
import type { HelpTopic } from '../../../shared/contract.js';
import { call } from '../app-shell/api.js';

/**
 * Opens one of main's fixed help pages in the system browser. The window names the topic; main holds the address
 * (main/core/help/help-links.ts), so the window has no way to have main open a page of its own choosing.
 */
export function HelpLinkButton({ topic, children }: { topic: HelpTopic; children: ReactNode }) {
  return (
    <button type="button" className="secondary" onClick={() => void call('openHelpLink', { topic }).catch(() => undefined)}>
      {children}
    </button>
  );
}
