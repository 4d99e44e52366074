// Types for scripts/prerequisites.mjs, so that its test type-checks under the project's strict settings.
export type Missing = 'redis-server' | 'chromium' | 'runtimes';
export interface MachineFacts {
  platform: string;
  arch: string;
  isRoot: boolean;
  managers: string[];
  hasSudo: boolean;
  chromiumPathSet: boolean;
}
export interface Plan {
  install: { command: string; args: string[] }[];
  stop: string | undefined;
}
export const RUNTIME_FILES: string[];
export function which(name: string, path?: string): string | undefined;
export function findChromium(env?: Record<string, string | undefined>): string | undefined;
export function findMissing(root: string, env?: Record<string, string | undefined>): Missing[];
export function machineFacts(env?: Record<string, string | undefined>): MachineFacts;
export function planFor(missing: readonly Missing[], facts: MachineFacts): Plan;
