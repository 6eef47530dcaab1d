/**
 * The measured part of the linkage benchmark, in a process of its own so that building the registry does not
 * count in its memory: `node --import tsx test/bench/linkage-import.ts DB FILE ORG_ID [LIST_KIND] [AS_OF]`.
 * Unlocks the demo database, calls 'intake.upload' through the dispatcher as the app does, and prints one
 * line of JSON: the call's time, the peak RSS before and after it, the submission and its counts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SubmissionSummary } from '../../shared/api/intake';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { DEMO_LOGIN, DEMO_PASSWORD } from '../../electron/services/demo';

export interface ImportResult {
  ms: number;
  /** KiB, process.resourceUsage().maxRSS after unlocking (scrypt takes 128 MiB for a moment), before the call. */
  maxRssBeforeKiB: number;
  /** KiB: resident memory just before the call. */
  rssBeforeKiB: number;
  /**
   * KiB: the peak resident memory while the call ran. On Linux the peak is reset just before the call
   * (/proc/self/clear_refs), so the moment of scrypt at unlock does not hide it; elsewhere it is the peak of
   * the whole process.
   */
  maxRssKiB: number;
  peakReset: boolean;
  submissionId: number;
  counts: SubmissionSummary['counts'];
}

const [dbPath, file, orgId, listKind = 'pupils-by-class', asOf = '2026-09-01'] = process.argv.slice(2);
if (!dbPath || !file || !orgId) {
  console.error('usage: node --import tsx test/bench/linkage-import.ts DB FILE ORG_ID [LIST_KIND] [AS_OF]');
  process.exit(2);
}
const ws = new Workspace(dbPath);
const dispatch = createDispatcher(ws);
const unlocked = await dispatch('session.unlock', { login: DEMO_LOGIN, password: DEMO_PASSWORD });
if (!unlocked.ok) throw new Error(unlocked.error.message);
const base64 = readFileSync(file).toString('base64');
const maxRssBeforeKiB = process.resourceUsage().maxRSS;
const rssBeforeKiB = Math.round(process.memoryUsage().rss / 1024);
let peakReset = false;
try {
  writeFileSync('/proc/self/clear_refs', '5');
  peakReset = true;
} catch {
  // Not Linux, or not allowed: the peak stays that of the whole process.
}

const t = performance.now();
const res = await dispatch('intake.upload', { orgId: Number(orgId), listKind, asOf, fileName: basename(file), base64 });
const ms = performance.now() - t;
const maxRssKiB = process.resourceUsage().maxRSS;
if (!res.ok) throw new Error(`intake.upload: ${res.error.message}`);
const summary = res.result as SubmissionSummary;
ws.lock();
const out: ImportResult = { ms, maxRssBeforeKiB, rssBeforeKiB, maxRssKiB, peakReset, submissionId: summary.id, counts: summary.counts };
console.log(JSON.stringify(out));
