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
