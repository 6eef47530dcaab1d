import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection and SQL text. For the readers called once per row of a list (a pupil's
 * entries, attendance, case): preparing a statement with a recursive fragment (access.ts recordCardsSql) costs
 * some ten times more than running it.
 */
export function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}
