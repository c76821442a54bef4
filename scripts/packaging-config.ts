/**
 * electron-builder.yml as electron-builder itself reads and checks it (its own loader and JSON schema, from the
 * app-builder-lib that electron-builder pins), for the tests that check the packaging without running it.
 */
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'electron-builder';

export type BuilderConfig = Configuration;

export function electronBuilderConfig(projectDir: string): Promise<BuilderConfig> {
  return getConfig(projectDir, null, null);
}

/** Resolves when electron-builder's schema accepts the configuration; rejects with its own message otherwise. */
export function validateBuilderConfig(config: BuilderConfig): Promise<void> {
  return validateConfiguration(config, new DebugLogger(false));
}
