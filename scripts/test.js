// `npm test`: type-check, lint, build the interface, then every test project (unit, integration, end-to-end),
// closing with one plain line «N passed, N failed, N skipped» over all of them, and a non-zero exit on any failure.
//
// The steps run in two lanes at once, so that both cores of a small machine stay busy:
//   1. build the interface → the end-to-end tests (one file at a time: each drives its own Chromium and server);
//   2. type check → lint → the unit and integration tests (vitest, several files at a time).
// A check that fails (types, lint, build) keeps anything new from starting in either lane; what runs is finished.
// The checks' output is printed when each ends, the tests' lines as they come (each line names its project).
// With arguments (`npm test -- test/unit/x.test.ts`) the checks run one after another, then one vitest run with them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const REPORT = 'test-results/vitest.json';
const extra = process.argv.slice(2);
const npm = (script) => ['npm', ['run', '--silent', script]];
const vitest = (report, args) => ['npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args]];

const typecheck = { title: 'Проверка типов', cmd: npm('typecheck') };
const lint = { title: 'Линтер', cmd: npm('lint') };
const build = { title: 'Сборка интерфейса', cmd: npm('build:renderer') };
const lanes = extra.length
  ? [[typecheck, lint, build, { title: 'Тесты', cmd: vitest('test-results/vitest-run.json', extra), report: 'test-results/vitest-run.json', live: true }]]
  : [
      [build, { title: 'Тесты end-to-end', cmd: vitest('test-results/vitest-e2e.json', ['--project', 'e2e']), report: 'test-results/vitest-e2e.json', live: true }],
      [
        typecheck,
        lint,
        {
          title: 'Тесты unit и integration',
          cmd: vitest('test-results/vitest-unit-integration.json', ['--project', 'unit', '--project', 'integration']),
          report: 'test-results/vitest-unit-integration.json',
          live: true,
        },
      ],
    ];

mkdirSync('test-results', { recursive: true });
rmSync(REPORT, { force: true });
for (const step of lanes.flat()) if (step.report) rmSync(step.report, { force: true });

const started = Date.now();
const seconds = (ms) => `${Math.round(ms / 1000)} с`;
let failed = false; // any step
let stopped = false; // a check (type check, lint, build): nothing new starts after it

/** Runs one step; a live step's output goes out line by line as it comes, another's as one block at its end. */
function run(step) {
  const t0 = Date.now();
  if (step.live) console.log(`\n── ${step.title}: начато`);
  return new Promise((resolve) => {
    const [cmd, args] = step.cmd;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let out = '';
    const partial = { stdout: '', stderr: '' };
    for (const name of ['stdout', 'stderr']) {
      child[name].setEncoding('utf8');
      child[name].on('data', (text) => {
        if (!step.live) return void (out += text);
        // Whole lines only, so that the two lanes' lines are never cut into each other.
        const lines = (partial[name] + text).split('\n');
        partial[name] = lines.pop();
        if (lines.length) process[name].write(`${lines.join('\n')}\n`);
      });
    }
    child.on('error', (err) => (out += `${err.message}\n`));
    child.on('close', (code) => {
      for (const name of ['stdout', 'stderr']) if (partial[name]) process[name].write(`${partial[name]}\n`);
      const ok = code === 0;
      console.log(`\n── ${step.title}: ${ok ? 'ok' : `ОШИБКА (код ${code})`}, ${seconds(Date.now() - t0)}`);
      if (out) process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
      resolve(ok);
    });
  });
}

async function runLane(steps) {
  for (const step of steps) {
    if (stopped) return void console.log(`\n── ${step.title}: не запущено (проверка не прошла)`);
    if (await run(step)) continue;
    failed = true;
    stopped ||= !step.report;
  }
}

await Promise.all(lanes.map(runLane));

// One report and one summary line over every vitest run.
const reports = lanes.flat().filter((s) => s.report && existsSync(s.report)).map((s) => JSON.parse(readFileSync(s.report, 'utf8')));
if (reports.length) {
  const sum = (key) => reports.reduce((n, r) => n + (r[key] ?? 0), 0);
  const merged = {
    ...reports[0],
    ...Object.fromEntries(Object.keys(reports[0]).filter((k) => typeof reports[0][k] === 'number' && k !== 'startTime').map((k) => [k, sum(k)])),
    startTime: Math.min(...reports.map((r) => r.startTime)),
    success: reports.every((r) => r.success),
    testResults: reports.flatMap((r) => r.testResults),
  };
  writeFileSync(REPORT, JSON.stringify(merged));
  console.log(`\nВсего: ${seconds(Date.now() - started)}`);
  console.log(`\n${merged.numPassedTests} passed, ${merged.numFailedTests} failed, ${merged.numPendingTests + merged.numTodoTests} skipped`);
}
process.exit(failed ? 1 : 0);
