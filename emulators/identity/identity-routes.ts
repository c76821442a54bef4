import type { Route } from '../http/router.js';
import type { EmulatorState } from '../state.js';
import { authorizeRoutes } from './authorize-routes.js';
import { discoveryRoutes } from './discovery-routes.js';
import { tokenRoutes } from './token-routes.js';

/** Every route of the emulated login.microsoftonline.com. */
export function identityRoutes(state: EmulatorState): Route[] {
  return [...discoveryRoutes(state), ...authorizeRoutes(state), ...tokenRoutes(state)];
}
