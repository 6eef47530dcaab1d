// Type-checks each layer with its own platform: shared/ with plain ES2023 (no Node, no DOM), the Node side,
// the renderer, and the Electron shell (only where the electron package, with its types, is installed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.renderer.json'];
if (existsSync('node_modules/electron/electron.d.ts')) projects.push('electron/shell/tsconfig.json');
else console.warn('Оболочка Electron не проверена: пакет electron не установлен (npm install его ставит; см. README).');

let failed = false;
for (const p of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', p], { stdio: 'inherit' });
  console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} tsc -p ${p}`);
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
