import type { ImportFileInput } from '../../../shared/import.js';

/** A picked or dropped file as main takes it: its bytes in base64 (the window reads nothing in it). */
export async function toImportFiles(files: readonly File[]): Promise<ImportFileInput[]> {
  return Promise.all(
    files.map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { name: file.name, data: btoa(binary) };
    }),
  );
}
