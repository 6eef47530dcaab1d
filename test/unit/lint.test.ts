import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, run through ESLint's own API on snippets placed (by filePath) where a
// change could put them. Each forbidden arrow must fail lint; a right one must pass.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: 'eslint.config.js' });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const layerRule = /^(boundaries\/(dependencies|no-unknown-files)|no-restricted-syntax|no-restricted-imports): /;

describe('layers as an allow-list (npm run lint)', () => {
  it.each([
    ['a renderer file importing a service with import()', 'renderer/src/pages/Sneaky.tsx', "export const load = () => import('../../../electron/services/users');"],
    ['the same with the path written in the issue (a file that does not exist)', 'renderer/src/Sneaky.tsx', "export const load = () => import('../../electron/services/x');"],
    ['a new top-level folder re-exporting db/', 'foo/x.ts', "export * from '../db/keys';"],
    ['the renderer importing that folder', 'renderer/src/Sneaky.tsx', "export { readKeyFile } from '../../foo/x';"],
    ['db/ importing electron/', 'db/x.ts', "import { handlers } from '../electron/handlers';\nexport const h = handlers;"],
    ['db/ importing electron/ with import()', 'db/x.ts', "export const h = () => import('../electron/handlers');"],
    ['shared/ importing db/ with import()', 'shared/x.ts', "export const h = () => import('../db/keys');"],
    ['shared/ importing a Node module with import()', 'shared/x.ts', "export const h = () => import('node:fs');"],
    ['the renderer importing Electron with import()', 'renderer/src/x.ts', "export const h = () => import('electron');"],
    ['electron/ importing the renderer', 'electron/x.ts', "export * from '../renderer/src/api';"],
    ['an import() whose path no rule can see', 'renderer/src/x.ts', "const where = '../../electron/handlers';\nexport const h = () => import(where);"],
  ])('%s fails lint', async (_what, filePath, code) => {
    const found = await problems(filePath, code);
    expect(found.filter((p) => layerRule.test(p))).not.toEqual([]);
  });

  it.each([
    ['the renderer importing the contract', 'renderer/src/x.ts', "import { contract } from '../../shared/api/contract';\nexport const c = contract;"],
    ['electron/ importing db/ and shared/ (import() included)', 'electron/x.ts', "import { readKeyFile } from '../db/keys';\nexport const k = [readKeyFile, () => import('../shared/text')];"],
    ['db/ importing shared/ and Node', 'db/x.ts', "import { readFileSync } from 'node:fs';\nimport { ApiError } from '../shared/api/errors';\nexport const d = [readFileSync, ApiError];"],
    ['a test importing every layer', 'test/unit/x.test.ts', "import { readKeyFile } from '../../db/keys';\nimport { handlers } from '../../electron/handlers';\nexport const t = [readKeyFile, handlers, () => import('../../renderer/src/api')];"],
  ])('%s passes', async (_what, filePath, code) => {
    expect(await problems(filePath, code)).toEqual([]);
  });
});
