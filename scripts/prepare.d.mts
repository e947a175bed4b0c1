/** Types of scripts/prepare.mjs (plain Node so it runs before `npm ci`), for TypeScript callers. */
export const root: string;
export function run(command: string, args: string[], env?: NodeJS.ProcessEnv): void;
export function ensureInstalled(): void;
export function ensureBuilt(): void;
export function bin(name: string): string;
