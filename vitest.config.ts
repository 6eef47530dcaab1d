import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (a dozen command-line processes; many scrypt derivations) start first, so that the
 * two workers end together instead of one finishing a long file alone. Vitest orders by the last run's times, which a
 * clean clone (CI) does not have; this list is only an order, a file missing from it runs all the same.
 */
const LONGEST_FIRST = [
  'test/integration/cli.test.ts',
  'test/integration/keys.test.ts',
  'test/integration/access.test.ts',
  'test/integration/reports-register.test.ts',
  'test/integration/journal.test.ts',
  'test/integration/attendance.test.ts',
  'test/integration/intake.test.ts',
  'test/integration/not-in-education.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((p) => f.moduleId.replaceAll('\\', '/').endsWith(p));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    // Vitest's own default is one worker fewer than the cores: one on a 2-core machine, which ran every file one
    // after another. Each unit and integration file has its own temporary folder, database file and port, so two
    // run at once. The end-to-end files still run one at a time (fileParallelism: false below).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    projects: [
      // The unit files touch no global state (no mocks, no env, no timers), so they share their workers instead of
      // starting a process and loading vitest for each of about thirty small files.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
