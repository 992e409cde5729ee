// Types for the lint rule (plain JS so eslint.config.js can load it without a build step).
import type { ESLint, Rule } from 'eslint';

export function resolveImport(from: string, spec: string): string | undefined;
export function importsOf(file: string): string[];
export function pathBack(start: string, target: string, root: string, exclude: string[]): string[] | undefined;
export const noImportCycle: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
