import { AppError } from '../../../shared/errors.js';
import type { FeatureHandlers } from '../core-context.js';
import type { BrowserOpener } from '../identity/recovery-identity.js';
import { HELP_LINKS } from './help-links.js';

/** Help: opens one of main's fixed help pages in the system browser, by its topic. */
export function helpHandlers(openBrowser: BrowserOpener | undefined): FeatureHandlers<'openHelpLink'> {
  return {
    openHelpLink: async ({ topic }) => {
      if (!openBrowser) throw new AppError('invalidRequest', 'This copy of the app cannot open a web browser.');
      await openBrowser(HELP_LINKS[topic]);
      return null;
    },
  };
}
