/**
 * A page on localhost in Debian's Chromium (the e2e launch settings) with one worker script
 * to run in it, for the small in-browser benches: `inWorker(message)` starts a fresh worker,
 * posts `message` (plus the chosen File, after `chooseFile`) and resolves its first reply.
 */
import { createServer } from 'node:http';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/browser';

export interface WorkerPage {
  readonly page: Page;
  /** Sets the page's file input to `path` (over CDP: Playwright refuses files over 50 MB). */
  chooseFile(path: string): Promise<void>;
  inWorker<T>(message: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function openWorkerPage(workerSource: string, port: number): Promise<WorkerPage> {
  const server = createServer((request, response) =>
    request.url === '/worker.js'
      ? response.writeHead(200, { 'content-type': 'text/javascript' }).end(workerSource)
      : response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<label>File <input type="file" id="file"></label>'),
  ).listen(port);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`http://localhost:${port}/`);
  return {
    page,
    async chooseFile(path) {
      const cdp = await page.context().newCDPSession(page);
      const { result } = await cdp.send('Runtime.evaluate', {
        expression: `document.getElementById('file')`,
      });
      if (!result.objectId) throw new Error('no file input on the bench page');
      await cdp.send('DOM.setFileInputFiles', { files: [path], objectId: result.objectId });
    },
    inWorker: <T>(message: Record<string, unknown>) =>
      page.evaluate(
        (m) =>
          new Promise<T>((resolve, reject) => {
            const worker = new Worker('/worker.js');
            worker.onmessage = (event) => {
              worker.terminate();
              resolve(event.data as T);
            };
            worker.onerror = (event) => reject(new Error(event.message));
            const input = document.getElementById('file') as HTMLInputElement;
            worker.postMessage({ ...m, file: input.files?.[0] });
          }),
        message,
      ),
    async close() {
      await browser.close();
      server.close();
    },
  };
}
