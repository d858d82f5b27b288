#!/usr/bin/env node
// The CLI runs its TypeScript source through tsx: internal packages export source, only apps bundle.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
