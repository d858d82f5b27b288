import type { Page } from '@playwright/test';

/**
 * Looks inside the casebook's IndexedDB ('notes'): how many committed files, and how many
 * stored chunks belong to no committed file (a half-finished intake). Ciphertext only.
 */
export function chunkCensus(page: Page): Promise<{ committed: number; orphanChunks: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('notes');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['blobs', 'chunks'], 'readonly');
          const blobs = tx.objectStore('blobs').getAllKeys();
          const chunks = tx.objectStore('chunks').getAllKeys();
          tx.oncomplete = () => {
            const committed = new Set(blobs.result.map(String));
            const orphanChunks = chunks.result.filter(
              (key) => !committed.has(String((key as [string, number])[0])),
            ).length;
            db.close();
            resolve({ committed: committed.size, orphanChunks });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/**
 * Looks inside the Origin Private File System folder where the vault keeps evidence bytes
 * ('parts', one file per blob): how many files, and how many belong to no committed file.
 */
export function fileCensus(page: Page): Promise<{ files: number; orphanFiles: number }> {
  return page.evaluate(async () => {
    const committed = await new Promise<Set<string>>((resolve, reject) => {
      const open = indexedDB.open('notes');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('blobs').objectStore('blobs').getAllKeys();
        req.onsuccess = () => {
          open.result.close();
          resolve(new Set(req.result.map(String)));
        };
        req.onerror = () => reject(req.error);
      };
    });
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('parts', { create: false }).catch(() => undefined);
    const names: string[] = [];
    if (folder) {
      for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) {
        names.push(name);
      }
    }
    return { files: names.length, orphanFiles: names.filter((n) => !committed.has(n)).length };
  });
}

/** The keys in the casebook database's meta store (values stay where they are). */
export function storedMetaKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('notes');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('meta').objectStore('meta').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map(String));
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}
