import type { HelpTopic } from '../../../shared/contract.js';

/**
 * The only web pages the window may have main open in the system browser, each named here by main. The window sends
 * a topic, never a URL: a compromised page can open these pages and nothing else (no phishing page, no file:, no
 * custom scheme handed to the OS). Sign-in pages are not here: main opens them itself, for its own sign-ins.
 */
export const HELP_LINKS = {
  /** How to register an app with the Microsoft identity platform (cloud backup needs a client id). */
  registerApp: 'https://learn.microsoft.com/entra/identity-platform/quickstart-register-app',
  /** OneDrive on the web, whose recycle bin keeps a deleted backup for up to 30 days. */
  oneDrive: 'https://onedrive.live.com/',
} as const satisfies Record<HelpTopic, `https://${string}`>;
