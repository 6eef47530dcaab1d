import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../electron/demo/generate';
import { findProfile } from '../../shared/profiles';
import { tempDir, workspace } from './helpers';

const BIN = join(import.meta.dirname, '../../bin/uchet.js');

function uchet(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, UCHET_PASSWORD: '', UCHET_USER: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const DEMO = { UCHET_USER: 'demo', UCHET_PASSWORD: 'demo-demo-demo' };

describe('the setup.demo call', () => {
  it('creates, marks and fills a demo database and leaves the demo user signed in', async () => {
    const { ws, call, fails } = workspace();
    const res = await call('setup.demo', { children: 300, seed: 5 });
    expect(res).toMatchObject({ login: 'demo', password: 'demo-demo-demo', children: 300, user: { login: 'demo', role: 'admin' } });
    expect(ws.state().state).toBe('unlocked');
    const { sqlite } = ws.require().open;
    const one = (q: string) => sqlite.prepare(q).pluck().get();
    expect(one("SELECT value FROM meta WHERE key = 'demo'")).toBe('1');
    expect(one("SELECT value FROM meta WHERE key = 'departmentName'")).toMatch(/^Демо: Отдел образования/u);
    expect(one("SELECT count(*) FROM children WHERE status = 'active'")).toBe(300);
    expect(one("SELECT count(*) FROM children WHERE source_id IN (SELECT id FROM sources WHERE kind = 'demo' AND title = 'Демонстрационные данные')")).toBe(300);
    expect(one("SELECT count(*) FROM streets")).toBeGreaterThanOrEqual(30);
    // Pupils of the profile's own school, in classes, with the current columns kept by the writer.
    expect(one("SELECT count(*) FROM children c JOIN organizations o ON o.id = c.cur_org_id WHERE o.profile_key = 'school-25' AND c.cur_grade BETWEEN 1 AND 11")).toBeGreaterThan(100);
    expect(one("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")).toBe('setup.demo');
    expect((await call('audit.verify', {})).ok).toBe(true);
    expect((await fails('setup.demo', { children: 10 })).code).toBe('ALREADY_SET_UP');
    ws.lock();
  }, 60_000);

  it('refuses an unknown profile without leaving files behind', async () => {
    const { ws, fails } = workspace();
    expect((await fails('setup.demo', { children: 10, profileId: 'moscow' })).code).toBe('VALIDATION');
    expect(ws.exists()).toBe(false);
  });
});

describe('the demo municipality from the command line', () => {
  it('creates a demo database and exports every child as CSV and JSON', () => {
    const dir = tempDir();
    const db = join(dir, 'demo.db');
    // The command line's clock is stated, as the demo and the tests run on a date they name.
    const today = '2027-09-15';
    // Every command of the test on that day: a later or earlier day would find other schools current.
    const DEMO_ON = { ...DEMO, UCHET_TODAY: today };

    const made = uchet(['demo', '--db', db, '--children', '2000', '--seed', '7', '--profile', 'kstovo'], { UCHET_TODAY: today });
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/Детей: 2000/u);
    expect(made.out).toMatch(/Логин: demo/u);
    expect(made.out).toMatch(/Пароль: demo-demo-demo/u);
    expect(made.err).toMatch(/2000 из 2000/u);

    // CSV to standard output: BOM, Russian header, `;`, one row per child.
    const csv = uchet(['children', 'export', '--db', db, '--format', 'csv'], DEMO_ON);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.startsWith('\uFEFF')).toBe(true);
    const lines = csv.out.slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe('id;Фамилия;Имя;Отчество;Дата рождения;Организация;Класс, группа;Форма получения образования');
    const rows = lines.slice(1).map((l) => l.split(';'));
    expect(rows).toHaveLength(2000);
    for (const r of rows) {
      expect(r).toHaveLength(8);
      expect(r[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    }
    const noOrg = rows.filter((r) => r[5] === '');
    expect(noOrg.length).toBeGreaterThan(0);
    expect(rows.some((r) => /^МБОУ «СОШ № \d+»$/u.test(r[5]!) && /^\d{1,2}[А-Я]$/u.test(r[6]!) && r[7] === 'full_time')).toBe(true);

    // JSON into a file: the same children.
    const out = join(dir, 'children.json');
    const json = uchet(['children', 'export', '--db', db, '--format', 'json', '--out', out], DEMO_ON);
    expect(json.code, json.err).toBe(0);
    expect(json.out).toMatch(/Выгружено детей: 2000/u);
    const list = JSON.parse(readFileSync(out, 'utf8')) as { id: number; surname: string; name: string; patronymic: string | null; birthDate: string; org: string | null; classLabel: string | null; form: string | null }[];
    expect(list).toHaveLength(2000);
    expect(list.map((c) => String(c.id))).toEqual(rows.map((r) => r[0]));
    expect(list.filter((c) => c.org === null)).toHaveLength(noOrg.length);

    // Exactly the generator's children, with their organizations (the command line generates as of its UCHET_TODAY).
    const demo = generateDemo({ children: 2000, seed: 7, profile: findProfile('kstovo')!, asOf: today });
    const key = (c: { surname: string; name: string; patronymic: string | null; birthDate: string }) => `${c.surname}|${c.name}|${c.patronymic ?? ''}|${c.birthDate}`;
    expect(list.map(key).sort()).toEqual(demo.items.map((it) => key(it.child)).sort());
    expect(list.filter((c) => c.org !== null)).toHaveLength(demo.items.filter((it) => it.orgKey !== null).length);
    expect(list.filter((c) => c.form === 'family')).toHaveLength(demo.items.filter((it) => it.facts.some((f) => f.type === 'form' && f.form === 'family')).length);

    // The journal holds the creation and the export, and is whole.
    const verify = uchet(['audit', 'verify', '--db', db], DEMO_ON);
    expect(verify.code, verify.err).toBe(0);

    // A demo never overwrites a database.
    const again = uchet(['demo', '--db', db, '--children', '10']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/уже создана/u);
    expect(uchet(['audit', 'verify', '--db', db], DEMO_ON).code).toBe(0);
  }, 120_000);

  it('refuses bad arguments with a Russian message', () => {
    const dir = tempDir();
    const bad = uchet(['demo', '--db', join(dir, 'a.db'), '--children', 'много']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--children/u);
    const tooFew = uchet(['demo', '--db', join(dir, 'a.db'), '--children', '3']);
    expect(tooFew.code).toBe(1);
    expect(tooFew.err).toMatch(/Не меньше 10 детей/u);
    const format = uchet(['children', 'export', '--db', join(dir, 'a.db'), '--format', 'xml'], DEMO);
    expect(format.code).not.toBe(0);
  }, 60_000);
});
