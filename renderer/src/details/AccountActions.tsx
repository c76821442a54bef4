import { PencilLine, Pin, PinOff, QrCode, Trash2, type LucideIcon } from 'lucide-react';
import type { AccountView } from '../../../shared/account.js';

interface Props {
  account: AccountView;
  onTogglePin(): void;
  onRename(): void;
  onReveal(): void;
  onDelete(): void;
}

/**
 * The full-screen view's action row, as a desktop app's toolbar: pin to tray, rename, show the setup (when it can be),
 * and delete last, in the danger colour (it only asks first: DeleteConfirm). A narrow window shows the icons alone;
 * the words stay the buttons' names.
 */
export function AccountActions({ account, onTogglePin, onRename, onReveal, onDelete }: Props) {
  return (
    <div className="account-actions">
      <ToolbarButton icon={account.pinned ? PinOff : Pin} label={account.pinned ? 'Unpin from tray' : 'Pin to tray'} pressed={account.pinned} onClick={onTogglePin} />
      <ToolbarButton icon={PencilLine} label="Rename" onClick={onRename} />
      {exportable(account) ? <ToolbarButton icon={QrCode} label="Show QR code and setup key…" onClick={onReveal} /> : null}
      <ToolbarButton icon={Trash2} label="Delete…" destructive onClick={onDelete} />
    </div>
  );
}

interface ToolbarButtonProps {
  icon: LucideIcon;
  label: string;
  pressed?: boolean;
  destructive?: boolean;
  onClick(): void;
}

function ToolbarButton({ icon: Icon, label, pressed, destructive = false, onClick }: ToolbarButtonProps) {
  return (
    <button type="button" className={`toolbar-button${destructive ? ' destructive' : ''}`} aria-pressed={pressed} title={label} onClick={onClick}>
      <Icon aria-hidden="true" size={18} />
      <span className="toolbar-label">{label}</span>
    </button>
  );
}

/** Device-bound accounts and accounts restored without their secret have no setup key to show (main refuses too). */
export function exportable(account: AccountView): boolean {
  return !account.deviceBound && !account.needsVerification;
}

export function whyNotExportable(account: AccountView): string {
  return account.needsVerification
    ? 'Its QR code and setup key cannot be shown: this device does not have them yet (Action required).'
    : 'Its QR code and setup key cannot be shown: this account is tied to this device (sign-in approvals), so it cannot be moved to another app.';
}
