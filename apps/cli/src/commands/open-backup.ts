import { EXIT, type Output, openFile } from '../io';
import { NO_PASSPHRASE, readPassphrase } from '../passphrase';

/** The file and the passphrase every backup command needs, or the exit code when one is missing. */
export async function openBackupArgs(
  path: string,
  output: Output,
): Promise<{ source: AsyncIterable<Uint8Array>; passphrase: string } | number> {
  const file = await openFile(path);
  if (!file.ok) {
    output.err(file.message);
    return EXIT.failed;
  }
  const passphrase = await readPassphrase();
  if (passphrase === undefined) {
    output.err(NO_PASSPHRASE);
    return EXIT.failed;
  }
  return { source: file.source, passphrase };
}
