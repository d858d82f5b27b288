export declare const DIST: string;
/** The bundle's entry modules, or undefined when it is missing or older than a source in it. */
export declare function freshBundle(dist?: string): { main: string; io: string } | undefined;
/** Builds the bundle into `dist` (apps/cli/dist unless given), with its manifest. */
export declare function buildBundle(dist?: string): Promise<{ dist: string; inputs: number }>;
