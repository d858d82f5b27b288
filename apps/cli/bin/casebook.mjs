#!/usr/bin/env node
// The CLI runs its bundle (`npm run build -w @casebook/cli`, see bundle.mjs) while that is as
// new as every source file in it, and otherwise its TypeScript source through tsx: internal
// packages export source, only apps bundle.
import { freshBundle } from './bundle.mjs';

// The last resort, for what escapes main() (a stray rejection, a stream error): one plain
// sentence and exit 2, never a stack trace unless CASEBOOK_DEBUG=1. Exit 1 means only that
// verify found problems, so no failure may end with it.
const LAST_RESORT =
  'Casebook stopped because something unexpected went wrong. Nothing was changed. Run it again with CASEBOOK_DEBUG=1 to see the details, and tell us what it says.';

function stop(error) {
  try {
    if (!process.stderr.destroyed) {
      process.stderr.write(`${LAST_RESORT}\n`);
      if (process.env.CASEBOOK_DEBUG === '1') process.stderr.write(`${error?.stack ?? error}\n`);
    }
  } finally {
    process.exit(2);
  }
}
process.on('uncaughtException', stop);
process.on('unhandledRejection', stop);

try {
  const bundle = freshBundle();
  if (!bundle) (await import('tsx/esm/api')).register();
  const { surviveClosedPipes } = await import(bundle ? bundle.io : '../src/io.ts');
  surviveClosedPipes();
  const { main } = await import(bundle ? bundle.main : '../src/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  stop(error);
}
