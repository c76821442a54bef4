import { SingleFieldForm } from '../ui/SingleFieldForm.js';
import type { TabSpec } from '../ui/Tabs.js';

/** The three ways to give the app an account's setup, as tabs: the add dialog and the recover dialog offer the same. */
export type SetupMethod = 'qr' | 'link' | 'key';
export const SETUP_METHOD_TABS: TabSpec<SetupMethod>[] = [
  { id: 'qr', label: 'Scan QR code' },
  { id: 'link', label: 'Paste link' },
  { id: 'key', label: 'Enter setup key' },
];

/** The pasted setup link (otpauth://, or when adding also a Google Authenticator export link). */
export function SetupLinkForm({ hint, submitLabel, onLink }: { hint: string; submitLabel: string; onLink(uri: string): Promise<void> }) {
  return (
    <SingleFieldForm
      id="otpauth-link"
      label="Setup link"
      placeholder="otpauth://totp/Example:alice@example.com?secret=…"
      hint={hint}
      submitLabel={submitLabel}
      fallbackError="The link could not be used."
      onSubmit={onLink}
    />
  );
}
