import { createInterface } from 'node:readline';

/**
 * The passphrase comes from CASEBOOK_PASSPHRASE (for scripts) or is asked for without
 * echoing it. Never taken as an argument: arguments end up in shell history.
 */
export async function readPassphrase(prompt = 'Passphrase: '): Promise<string | undefined> {
  const fromEnv = process.env.CASEBOOK_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) return undefined;
  return askHidden(prompt);
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Print the prompt, then swallow the echo of what is typed.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    process.stderr.write(prompt);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    rl.question('', (answer) => {
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = write;
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export const NO_PASSPHRASE =
  'Casebook needs the passphrase. Type it when asked, or set CASEBOOK_PASSPHRASE for a script.';
