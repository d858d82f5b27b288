import { useEffect, useState } from 'react';
import { vault } from '../data/vault';
import { objectUrl, onRevokeAll } from './blob-urls';
import { shownAs } from './shown-as';

export interface Thumbnail {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Thumbnails made so far this session, by file. Each is a blob: URL registered in blob-urls, so
 * lock revokes it, and this cache is emptied at the same moment: after unlock nothing from the
 * last session is shown or reachable.
 */
const made = new Map<string, Promise<Thumbnail | null>>();
let generation = 0;
onRevokeAll(() => {
  made.clear();
  generation++;
});

// One at a time, so a screen of 200 exhibits never has the worker decrypt 200 photos at once
// (and intake, which shares the worker, keeps going).
let queue: Promise<unknown> = Promise.resolve();

function request(blobId: string, mediaType: string): Promise<Thumbnail | null> {
  const cached = made.get(blobId);
  if (cached) return cached;
  const born = generation;
  const next = queue.then(async () => {
    if (born !== generation) return null;
    const outcome = await vault.call('thumbnail', blobId, mediaType);
    // Locked meanwhile: the URL would outlive the session it belongs to.
    if (!outcome.ok || born !== generation) return null;
    return { url: objectUrl(outcome.blob), width: outcome.width, height: outcome.height };
  });
  const settled = next.catch(() => null);
  queue = settled;
  made.set(blobId, settled);
  return settled;
}

/**
 * The thumbnail of an image exhibit once `near` (its card is close to the view); null while
 * there is none (not an image, not yet made, or it could not be decoded).
 */
export function useThumbnail(blobId: string, mediaType: string, near: boolean): Thumbnail | null {
  const [thumb, setThumb] = useState<Thumbnail | null>(null);
  useEffect(() => {
    if (!near || shownAs(mediaType) !== 'image') return;
    let live = true;
    void request(blobId, mediaType).then((t) => {
      if (live) setThumb(t);
    });
    return () => {
      live = false;
    };
  }, [blobId, mediaType, near]);
  return thumb;
}
