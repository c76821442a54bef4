import type { Route } from '../http/router.js';
import type { EmulatorState } from '../state.js';
import { downloadRoutes } from './download-routes.js';
import { itemRoutes } from './item-routes.js';
import { uploadRoutes } from './upload-routes.js';

/** Every route of the emulated graph.microsoft.com (and of OneDrive's pre-authenticated URLs). */
export function graphRoutes(state: EmulatorState): Route[] {
  return [...itemRoutes(state), ...uploadRoutes(state), ...downloadRoutes(state)];
}
