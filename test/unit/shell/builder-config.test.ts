import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema check (its dependencies), so the test reads the file as `npm run dist` does.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as {
    electronFuses?: Record<string, boolean>;
    extraResources?: { from: string; to: string }[];
  };

  it('ships the report fonts where the packaged app looks for them (process.resourcesPath/fonts, reports/pdf.ts)', () => {
    const fonts = config.extraResources?.find((r) => r.to === 'fonts');
    expect(fonts?.from).toBe('resources/fonts');
    for (const f of ['LiberationSerif-Regular.ttf', 'LiberationSerif-Bold.ttf']) expect(existsSync(join(fonts!.from, f))).toBe(true);
  });

  it('flips the Electron fuses: no RunAsNode, no NODE_OPTIONS or --inspect, cookies encrypted, only an integrity-checked app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('is a configuration electron-builder accepts, and a misspelt fuse is not', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });
});
