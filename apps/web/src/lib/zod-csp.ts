import { z } from 'zod';

/**
 * Zod 4 compiles fast parsers with `new Function` when it can; our CSP forbids eval, so the
 * attempt would only raise a CSP violation report before zod fell back. Tell it not to try.
 * Imported first by the page and by the vault worker.
 */
z.config({ jitless: true });
