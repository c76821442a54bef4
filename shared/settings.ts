import { z } from 'zod';

export const Theme = z.enum(['system', 'light', 'dark']);

/** App settings: stored in the vault and, later, part of the backup. Defaults let older vaults load unchanged. */
export const Settings = z.object({
  clipboardClearSeconds: z.number().int().min(5).max(600).default(30),
  hideCodes: z.boolean().default(false),
  theme: Theme.default('system'),
});
export type Settings = z.infer<typeof Settings>;
