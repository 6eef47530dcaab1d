import Database from 'better-sqlite3';
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBackup } from '../../db/backup';
import { readKeyFile } from '../../db/keys';
import { describeAuditEntry } from '../../shared/api/auditText';
import { ADMIN_PASSWORD, setUp, tempDir } from './helpers';

type W = Awaited<ReturnType<typeof setUp>>;

async function addOrgs(w: W, n: number, from = 0) {
  for (let i = from; i < from + n; i++) await w.call('orgs.add', { kind: 'other', fullName: `Организация ${i}`, shortName: `О${i}`, address: '', headPosition: '', headName: '' });
}

/**
 * Someone holding the database key edits the file with another SQLite tool while the app is closed: the raw
 * key, better-sqlite3, the triggers dropped. Then the administrator opens the database again.
 */
async function tamper(w: W, edit: (db: Database.Database) => void) {
  const key = Buffer.from(w.ws.current!.dbKey);
  await w.call('session.lock', {});
  const db = new Database(w.ws.dbPath);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  edit(db);
  db.close();
  await w.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
}

interface Row {
  id: number;
  at: string;
  user_login: string;
  action: string;
  object_type: string;
  object_id: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** Rewrites prev_hash and hash of every entry from `fromId` on with the given chain function, as a forger would. */
function rechain(db: Database.Database, fromId: number, hash: (r: Row, prev: string) => string) {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  let prev = '0'.repeat(64);
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) {
    if (r.id >= fromId) {
      const h = hash(r, prev);
      update.run(prev, h, r.id);
      prev = h;
    } else prev = r.hash;
  }
}

/** The plain SHA-256 chain the journal used before it had a key (and that anyone can recompute). */
const plainSha = (r: Row, prev: string) =>
  createHash('sha256').update(JSON.stringify([prev, r.at, r.user_login, r.action, r.object_type, r.object_id, r.details])).digest('hex');

describe('the journal is anchored outside the database', () => {
  it('a fresh journal verifies, and the key file holds its seal', async () => {
    const w = await setUp();
    await addOrgs(w, 3);
    const verdict = await w.call('audit.verify', {});
    expect(verdict).toMatchObject({ ok: true, brokenAtId: null });
    expect(verdict.message).toMatch(/Совпадает с печатью: файл ключей/);
    const seal = readKeyFile(w.ws.keysPath).journalSeal!;
    // The seal names the last entry committed before the check (the check's own entry is sealed after it).
    expect(seal.lastId).toBe(verdict.count + 1);
    expect(seal.count).toBe(seal.lastId);
  });

  it('detects the last entries cut off (truncation)', async () => {
    const w = await setUp();
    await addOrgs(w, 4);
    await tamper(w, (db) => {
      const last = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(last - 3);
    });
    const verdict = await w.call('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toMatch(/Журнал короче, чем его печать журнала \(файл ключей/);
  });

  it('detects an entry replaced and the chain recomputed as plain SHA-256 (replacement)', async () => {
    const w = await setUp();
    await addOrgs(w, 3);
    let replaced = 0;
    await tamper(w, (db) => {
      replaced = db.prepare("SELECT min(id) FROM audit_log WHERE action = 'orgs.add'").pluck().get() as number;
      db.prepare("UPDATE audit_log SET user_login = 'someone', details = '{\"fullName\":\"Другая\"}' WHERE id = ?").run(replaced);
      rechain(db, replaced, plainSha);
    });
    const verdict = await w.call('audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, brokenAtId: replaced });
    expect(verdict.message).toMatch(new RegExp(`нарушен на записи № ${replaced}`));
  });

  it('detects entries swapped (reordering), even when the chain is recomputed with the journal key itself', async () => {
    const w = await setUp();
    await addOrgs(w, 4);
    const swap = (db: Database.Database) => {
      const rows = db.prepare("SELECT * FROM audit_log WHERE action = 'orgs.add' ORDER BY id").all() as Row[];
      const [a, b] = [rows[0]!, rows[2]!];
      const put = db.prepare('UPDATE audit_log SET at = ?, user_login = ?, action = ?, object_type = ?, object_id = ?, details = ? WHERE id = ?');
      put.run(b.at, b.user_login, b.action, b.object_type, b.object_id, b.details, a.id);
      put.run(a.at, a.user_login, a.action, a.object_type, a.object_id, a.details, b.id);
      return a.id;
    };
    let first = 0;
    await tamper(w, (db) => (first = swap(db)));
    expect(await w.call('audit.verify', {})).toMatchObject({ ok: false, brokenAtId: first });

    // A second database, where the forger also knows the journal key (it is in the database) and rechains.
    const v = await setUp();
    await addOrgs(v, 4);
    await tamper(v, (db) => {
      const key = Buffer.from(db.prepare("SELECT value FROM meta WHERE key = 'journalKey'").pluck().get() as string, 'hex');
      const id = swap(db);
      rechain(db, id, (r, prev) =>
        createHmac('sha256', key).update(JSON.stringify(['uchet-journal/2', r.id, prev, r.at, r.user_login, r.action, r.object_type, r.object_id, r.details])).digest('hex'),
      );
    });
    const verdict = await v.call('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toMatch(/не совпадает с печатью журнала \(файл ключей/);
  });

  it('detects an older copy of the database put back beside a newer key file', async () => {
    const w = await setUp();
    await addOrgs(w, 2);
    await w.call('session.lock', {});
    const old = join(tempDir(), 'old.db');
    copyFileSync(w.ws.dbPath, old);
    await w.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    await addOrgs(w, 3, 10);
    await w.call('session.lock', {});
    for (const suffix of ['-wal', '-shm']) rmSync(w.ws.dbPath + suffix, { force: true });
    copyFileSync(old, w.ws.dbPath);
    await w.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    // Going on working does not wash the evidence out: the key file keeps the seal the journal no longer contains.
    await addOrgs(w, 6, 20);
    const verdict = await w.call('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toMatch(/(печать|печатью) журнала \(файл ключей/);
  });

  it('a journal written before the key existed (plain SHA-256) still verifies, and goes on with the key', async () => {
    const w = await setUp();
    await addOrgs(w, 3);
    // As a database of the previous version: no journal key, every entry chained with plain SHA-256.
    await tamper(w, (db) => {
      db.prepare("DELETE FROM meta WHERE key IN ('journalKey', 'journalMacFrom')").run();
      rechain(db, 1, plainSha);
      const keys = JSON.parse(readFileSync(w.ws.keysPath, 'utf8')) as Record<string, unknown>;
      delete keys.journalSeal;
      writeFileSync(w.ws.keysPath, JSON.stringify(keys));
    });
    await addOrgs(w, 2, 10);
    expect(await w.call('audit.verify', {})).toMatchObject({ ok: true, brokenAtId: null });
    await tamper(w, (db) => {
      const from = Number(db.prepare("SELECT value FROM meta WHERE key = 'journalMacFrom'").pluck().get());
      expect(from).toBeGreaterThan(5);
      // The entries after the key are keyed: a plain SHA-256 rewrite of them is caught.
      db.prepare("UPDATE audit_log SET details = '{}' WHERE id = ?").run(from + 1);
      rechain(db, from + 1, plainSha);
    });
    expect((await w.call('audit.verify', {})).ok).toBe(false);
  });

  it('a backup’s seal catches a cut even when the key file’s seal was removed too', async () => {
    const w = await setUp();
    await addOrgs(w, 3);
    const backup = join(tempDir(), 'copy.uchetbak');
    const made = await w.call('backup.create', { to: backup });
    expect(made.seal).not.toBeNull();
    await addOrgs(w, 2, 10);
    await tamper(w, (db) => {
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(made.seal!.lastId - 2);
      const keys = JSON.parse(readFileSync(w.ws.keysPath, 'utf8')) as Record<string, unknown>;
      delete keys.journalSeal;
      writeFileSync(w.ws.keysPath, JSON.stringify(keys));
    });
    // With the key file rewritten, the database alone cannot tell (README says so)…
    expect((await w.call('audit.verify', {})).ok).toBe(true);
    // …but the seal inside the backup, kept elsewhere, can.
    const { keys } = readBackup(backup);
    expect(keys.journalSeal).toEqual(made.seal);
    const verdict = await w.call('audit.verify', { seals: [{ ...keys.journalSeal!, source: 'резервная копия copy.uchetbak' }] });
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toMatch(/резервная копия copy\.uchetbak/);
  });
});

/** Two schools, a pupil in each, a school user bound to the first. */
async function twoSchools() {
  const w = await setUp();
  const orgs = await w.call('orgs.list', {});
  const own = orgs.find((o) => o.kind === 'school')!;
  const other = await w.call('orgs.add', { kind: 'school', fullName: 'Школа № 2 (тест)', shortName: 'Школа № 2', address: '', headPosition: '', headName: '' });
  const study = (orgId: number) => ({ type: 'study' as const, orgId, classLabel: '5А', validFrom: '2025-09-01' });
  const mine = await w.call('children.create', { child: { surname: 'Петров', name: 'Пётр', patronymic: null, birthDate: '2014-03-04', gender: 'm' }, facts: [study(own.id)] });
  const theirs = await w.call('children.create', { child: { surname: 'Сидорова', name: 'Анна', patronymic: null, birthDate: '2014-05-06', gender: 'f' }, facts: [study(other.id)] });
  await w.call('users.add', { login: 'school25', displayName: 'Завуч Тестовая', role: 'school', orgId: own.id, password: 'пароль школы 25' });
  await w.call('session.lock', {});
  await w.call('session.unlock', { login: 'school25', password: 'пароль школы 25' });
  return { ...w, own, other, mine: mine.child, theirs: theirs.child };
}

async function journal(w: W) {
  await w.call('session.lock', {});
  await w.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
  return (await w.call('audit.list', { limit: 500 })).entries;
}

describe('what the journal records', () => {
  it('a refused call is journaled: who, which call, why, the object’s number — no child data', async () => {
    const w = await twoSchools();
    expect((await w.fails('children.card', { id: w.theirs.id })).code).toBe('FORBIDDEN');
    expect((await w.fails('users.list', {})).code).toBe('FORBIDDEN');
    const entries = await journal(w);
    const card = entries.find((e) => e.action === 'access.denied' && e.objectId === String(w.theirs.id))!;
    expect(card).toMatchObject({ userLogin: 'school25', objectType: 'child' });
    expect(JSON.parse(card.details!)).toMatchObject({ call: 'children.card', reason: expect.stringMatching(/не относится к вашей организации/) });
    expect(card.details).not.toMatch(/Сидорова|Анна|2014/);
    const role = entries.find((e) => e.action === 'access.denied' && e.details?.includes('users.list'))!;
    expect(role.userLogin).toBe('school25');
    expect(JSON.parse(role.details!).reason).toMatch(/Недостаточно прав/);
    expect(describeAuditEntry(card).action).toBe('Отказ в доступе');
    expect(describeAuditEntry(card).details).toMatch(/^вызов: Просмотр карточки ребёнка; причина: Этот ребёнок не относится/);
    expect((await w.call('audit.verify', {})).ok).toBe(true);
  });

  it('a search for similar children (names and birth dates) is journaled as a read', async () => {
    const w = await twoSchools();
    await w.call('children.findSimilar', { surname: 'Петров', name: 'Пётр', birthDate: '2014-03-04' });
    const entries = await journal(w);
    expect(entries.some((e) => e.action === 'children.findSimilar' && e.userLogin === 'school25')).toBe(true);
  });

  it('a search is journaled once per query, not once per page; every card opened is its own entry', async () => {
    const w = await twoSchools();
    const search = { query: 'Петров', sort: 'name' as const, dir: 'asc' as const };
    for (const offset of [0, 100, 200, 0]) await w.call('children.search', { ...search, offset, limit: 100 });
    await w.call('children.search', { ...search, query: 'Петрова', offset: 0, limit: 100 });
    await w.call('children.card', { id: w.mine.id });
    await w.call('children.card', { id: w.mine.id });
    const entries = (await journal(w)).filter((e) => e.userLogin === 'school25');
    expect(entries.filter((e) => e.action === 'children.search')).toHaveLength(2);
    expect(entries.filter((e) => e.action === 'children.card' && e.objectId === String(w.mine.id))).toHaveLength(2);
  });
});

describe('Журнал reads in Russian words', () => {
  it('every entry of ordinary work renders without English keys, ids or JSON', async () => {
    const w = await twoSchools();
    await w.call('session.lock', {});
    await w.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    await w.call('orgs.update', { id: w.other.id, headName: 'Иванова Мария Петровна' });
    await w.call('children.update', { id: w.mine.id, version: w.mine.version, child: { surname: 'Петров', name: 'Пётр', patronymic: 'Иванович', birthDate: '2014-03-04', gender: 'm' } });
    await w.call('children.search', { query: 'Петров', offset: 0, limit: 50 });
    await w.call('children.search', { query: '', offset: 0, limit: 50 });
    const s = await w.call('intake.grid', {
      orgId: w.own.id,
      listKind: 'school-pupils',
      asOf: '2026-09-01',
      rows: [
        { surname: 'Петров', name: 'Пётр', patronymic: 'Иванович', birthDate: '04.03.2014', classLabel: '5А' },
        { surname: 'Новикова', name: 'Ольга', birthDate: '01.02.2015', classLabel: '4Б' },
        { surname: 'Без', name: '', birthDate: 'вчера' },
      ],
    });
    const rows = (await w.call('intake.rows', { submissionId: s.id, filter: 'all' })).rows;
    await w.call('intake.excludeRow', { rowId: rows[2]!.id, excluded: true });
    await w.call('intake.rows', { submissionId: s.id, filter: 'errors' });
    await w.call('audit.verify', {});
    const { entries } = await w.call('audit.list', { limit: 500 });
    expect(entries.length).toBeGreaterThan(15);
    const look = { orgName: (id: number) => (id === w.other.id ? 'Школа № 2' : undefined) };
    for (const e of entries) {
      const t = describeAuditEntry(e, look);
      const text = `${t.action} | ${t.object} | ${t.details}`;
      // No call names, English keys, JSON or profile ids: «submission», «filter: «all»», «withQuery», «childId», «pupils-by-class».
      expect(text, JSON.stringify(e)).not.toMatch(/[a-z][A-Za-z]*\.[a-z]|[{}[\]]|\b[a-zA-Z]+:|«(all|errors|school-pupils|pupils-by-class)»|submission|withQuery|childId/);
    }
    const rowsEntry = entries.find((e) => e.action === 'intake.rows' && e.details?.includes('errors'))!;
    expect(describeAuditEntry(rowsEntry).details).toBe('показаны: строки с ошибками');
    const grid = entries.find((e) => e.action === 'intake.grid')!;
    expect(describeAuditEntry(grid)).toMatchObject({ action: 'Ввод бумажного списка', object: `Список № ${s.id}` });
    expect(describeAuditEntry(grid).details).toMatch(/вид: Обучающиеся общеобразовательного учреждения/);
    const org = entries.find((e) => e.action === 'orgs.update')!;
    expect(describeAuditEntry(org, look).details).toBe('Ф.И.О. руководителя: — → «Иванова Мария Петровна»');
  });
});
