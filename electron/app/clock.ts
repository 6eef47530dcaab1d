import { isValidIsoDate, isoParts } from '../../shared/domain/dates';

/**
 * The clock a Workspace is built with. Normally the real one. `UCHET_TODAY=YYYY-MM-DD` (tests, the demo,
 * benchmarks) starts it at local noon of that day and lets it run at real speed, so idle locks and login
 * pauses still work and a run has twelve hours before the date turns. Read once, where a Workspace is built.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => number {
  const today = env.UCHET_TODAY?.trim();
  if (!today) return Date.now;
  if (!isValidIsoDate(today)) throw new Error(`UCHET_TODAY: ожидается дата ГГГГ-ММ-ДД, получено «${today}»`);
  const { year, month, day } = isoParts(today);
  const noon = new Date(2000, 0, 1, 12);
  noon.setFullYear(year, month - 1, day);
  const offset = noon.getTime() - Date.now();
  return () => Date.now() + offset;
}
