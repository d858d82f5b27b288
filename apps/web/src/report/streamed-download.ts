/**
 * Saves a file the vault worker makes, without holding it whole in memory: the service worker
 * answers /download/<token> by pulling the file from the vault worker as the browser writes it
 * to disk. Without a service worker (a private window may have none), the worker collects the
 * file into a Blob instead: the fallback, fine for reports, heavy for a large bundle.
 */

/** Random, unguessable: the URL names nothing about the case. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Clicks a hidden link, so the browser saves rather than shows the file. */
export function saveUrl(url: string, name?: string): void {
  const a = document.createElement('a');
  a.href = url;
  // A streamed download is a navigation the service worker answers with an attachment (the page
  // stays); with `download` set, Chromium fetches it outside the service worker instead.
  if (name !== undefined) a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Saves a Blob the worker made (small files: the PDF, the CSVs). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, name);
  // The download has its own copy once it starts; the URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Registers a streamed download with the service worker and starts it; returns the port the
 * vault worker serves it on, or undefined when there is no service worker to stream through.
 */
export async function openStreamedDownload(
  name: string,
  mediaType: string,
): Promise<MessagePort | undefined> {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return undefined;
  const token = newToken();
  const channel = new MessageChannel();
  const ack = new MessageChannel();
  const registered = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5000);
    ack.port1.onmessage = () => {
      clearTimeout(timer);
      resolve(true);
    };
  });
  controller.postMessage({ type: 'download', token, name, mediaType }, [channel.port1, ack.port2]);
  const ok = await registered;
  ack.port1.close();
  if (!ok) {
    channel.port2.close();
    return undefined;
  }
  saveUrl(`/download/${token}`);
  return channel.port2;
}
