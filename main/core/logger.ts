/**
 * The app's log. Messages are written by us and never carry secrets; errors are reduced to their name and
 * message (never the objects they were thrown with).
 */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function consoleLogger(prefix = 'authenticator'): Logger {
  return {
    info: (message) => console.error(`[${prefix}] ${message}`),
    error: (message, error) => console.error(`[${prefix}] ${message}${error === undefined ? '' : `: ${describe(error)}`}`),
  };
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
