// `npm test`: type-check, lint, build the interface, then every test project (unit, integration, end-to-end)
// in one vitest run, closing with one plain line «N passed, N failed, N skipped».
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

function step(title, cmd, args) {
  console.log(`\n── ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

for (const [title, script] of [['Проверка типов', 'typecheck'], ['Линтер', 'lint'], ['Сборка интерфейса', 'build:renderer']]) {
  const code = step(title, 'npm', ['run', '--silent', script]);
  if (code !== 0) process.exit(code);
}

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const code = step('Тесты', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
}
process.exit(code);
