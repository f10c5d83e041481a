/** Where `npm run harness` keeps its bundle of test/harness/serve.ts. */
export declare const HARNESS_BUNDLE: string;
/** Builds that bundle (esbuild) and returns its path. */
export declare function bundleHarness(): Promise<string>;
