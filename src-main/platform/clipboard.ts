/**
 * The system clipboard, for copying a revealed root password into the AWS sign-in page. Only the Electron
 * shell has one; the CLI and the test harness run without.
 */
export interface Clipboard {
  writeText(text: string): void;
  readText(): string | Promise<string>;
  clear(): void;
}
