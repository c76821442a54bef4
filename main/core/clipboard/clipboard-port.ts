/** The system clipboard, as the core needs it. Electron's `clipboard` in the app; an in-memory one in the harness. */
export interface ClipboardPort {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
}

/** A clipboard that lives in memory: the browser harness's (tests read and write it through test controls). */
export function memoryClipboard(initial = ''): ClipboardPort {
  let text = initial;
  return {
    readText: () => text,
    writeText: (value) => {
      text = value;
    },
  };
}
