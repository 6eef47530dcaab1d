#!/usr/bin/env node
// The command line runs the TypeScript sources through tsx, so `npx uchet` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
