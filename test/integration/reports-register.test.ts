import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api/contract';
import { prepareForm } from '../../electron/services/reports/prepare';
import { renderHere, renderInWorker } from '../../electron/services/reports/worker';
import { findProfile } from '../../shared/profiles';
import { ADMIN_PASSWORD, setUp, tempDir } from './helpers';

const BIN = join(import.meta.dirname, '../../bin/uchet.js');
/** Every call of these tests happens on 15.09.2026 (the workspace's clock). */
const NOW = Date.parse('2026-09-15T09:00:00Z');
const AS_OF = '2026-09-10';

type NewChild = CallInput<'children.create'>;
const person = (surname: string, name: string, patronymic: string | null, birthDate: string): NewChild['child'] => ({ surname, name, patronymic, birthDate, gender: null });

/** A Кстово district with two schools, pupils in each, a school user and an inspector. */
async function district(dbPath = join(tempDir(), 'district.db')) {
  const w = await setUp('kstovo', dbPath, () => NOW);
  const school1 = await w.call('orgs.add', { kind: 'school', fullName: 'МБОУ «Школа № 1» (тест)', shortName: 'Школа № 1', address: '', headPosition: 'Директор', headName: 'Директорова Анна Петровна' });
  const school2 = await w.call('orgs.add', { kind: 'school', fullName: 'МБОУ «Школа № 2» (тест)', shortName: 'Школа № 2', address: '', headPosition: 'Директор', headName: 'Главный Иван Иванович' });
  const study = (orgId: number, classLabel: string) => ({ type: 'study' as const, orgId, classLabel, validFrom: '2025-09-01', enrolOrderNumber: '12-у', enrolOrderDate: '2025-08-28' });
  await w.call('children.create', { child: person('Ёлкина', 'Снежана', 'Петровна', '2014-02-03'), facts: [study(school1.id, '6Б')] });
  await w.call('children.create', { child: person('Еремеев', 'Олег', 'Олегович', '2014-05-06'), facts: [study(school1.id, '6Б')] });
  await w.call('children.create', { child: person('Абрамова', 'Вера', null, '2016-07-08'), facts: [study(school1.id, '4А')] });
  await w.call('children.create', { child: person('Чужой', 'Пётр', 'Петрович', '2013-01-01'), facts: [study(school2.id, '7А')] });
  await w.call('users.add', { login: 'school1', displayName: 'Завуч Школы 1', role: 'school', orgId: school1.id, password: 'пароль школы 1' });
  await w.call('users.add', { login: 'inspector', displayName: 'Проверяющий', role: 'inspector', orgId: null, password: 'пароль проверяющего' });
  const as = async (login: string, password: string) => {
    await w.call('session.lock', {});
    await w.call('session.unlock', { login, password });
  };
  return { ...w, school1, school2, as };
}

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('the register of printouts', () => {
  it('registers every file made of a form with a gap-free number, the parameters, the count and the SHA-256', async () => {
    const w = await district();
    const pdf = await w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, format: 'pdf' });
    expect(pdf.printout).toMatchObject({ number: '2026-000001', issuedOn: '2026-09-15', formId: 'kstovo-app2', orgId: w.school1.id, orgName: 'Школа № 1', asOf: AS_OF, format: 'pdf', childCount: 3, createdBy: 'admin' });
    const bytes = bytesOf(pdf.base64);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.printout.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pdf.printout.byteSize).toBe(bytes.length);
    expect(pdf.fileName).toMatch(/№ 2026-000001\.pdf$/);
    // The number and the date are on every page, and in the file's metadata.
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(`${doc.getTitle() ?? ''} ${doc.getSubject() ?? ''} ${doc.getKeywords() ?? ''}`).toContain('2026-000001');

    // Two made at the same moment get two consecutive numbers, none skipped, none twice.
    const [a, b] = await Promise.all([
      w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, format: 'xlsx' }),
      w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school2.id, asOf: AS_OF, format: 'pdf' }),
    ]);
    expect([a.printout.number, b.printout.number].sort()).toEqual(['2026-000002', '2026-000003']);
    expect(b.printout.childCount).toBe(1);
    // Each file carries the number it was registered under (a file re-made after losing a race included).
    for (const m of [a, b]) expect((await w.call('reports.verify', { base64: m.base64 })).printout?.number).toBe(m.printout.number);

    const list = await w.call('reports.register', {});
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => r.number)).toEqual(['2026-000003', '2026-000002', '2026-000001']);
    expect((await w.call('reports.register', { orgId: w.school2.id })).rows.map((r) => r.orgName)).toEqual(['Школа № 2']);
    const second = [a, b].find((m) => m.printout.number === '2026-000002')!;
    expect((await w.call('reports.register', { number: '№ 2026-000002' })).rows.map((r) => r.id)).toEqual([second.printout.id]);
    expect(list.rows[2]!.params).toEqual({ formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, year: null });

    // The register only grows: a stored number or hash cannot be changed or removed.
    const { sqlite } = w.ws.require().open;
    expect(() => sqlite.prepare("UPDATE printouts SET sha256 = 'x' WHERE number = '2026-000001'").run()).toThrow(/только дополняется/);
    expect(() => sqlite.prepare('DELETE FROM printouts').run()).toThrow(/только дополняется/);

    // The journal names the form, organization and number, and no child.
    const journal = await w.call('audit.list', { action: 'reports.make' });
    expect(journal.total).toBe(3);
    const details = journal.entries.map((e) => e.details ?? '').join('\n');
    expect(details).toContain('2026-000001');
    expect(details).toContain('kstovo-app2');
    expect(details).not.toMatch(/Ёлкина|Еремеев|Абрамова|Чужой/);
  });

  it('verifies a file: registered and unchanged, changed after issue, or unknown', async () => {
    const w = await district();
    const made = await w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, format: 'pdf' });
    const bytes = bytesOf(made.base64);

    const same = await w.call('reports.verify', { fileName: 'a.pdf', base64: made.base64 });
    expect(same).toMatchObject({ status: 'registered', copy: false, sha256: made.printout.sha256 });
    expect(same.printout?.number).toBe('2026-000001');
    expect(same.message).toMatch(/№ 2026-000001 от 15\.09\.2026.*не изменён/);

    // An incremental update appended with pdf-lib (a line of text drawn on the first page): the number is still
    // in the file, the hash is not the registered one.
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.getPage(0).drawText('X', { x: 20, y: 20, size: 8, font });
    const edited = await doc.save({ useObjectStreams: false });
    const changed = await w.call('reports.verify', { base64: b64(edited) });
    expect(changed.status).toBe('changed');
    expect(changed.printout?.number).toBe('2026-000001');
    expect(changed.message).toMatch(/изменён после выдачи/);

    // A byte flipped inside a stream (the page's text or a font): the objects still parse, the hash differs.
    const flipped = Uint8Array.from(bytes);
    const at = Buffer.from(flipped).indexOf('stream', Math.floor(flipped.length / 3), 'latin1') + 20;
    expect(at).toBeGreaterThan(20);
    flipped[at] = flipped[at]! ^ 0xff;
    expect((await w.call('reports.verify', { base64: b64(flipped) })).status).toBe('changed');

    // A PDF the register never issued, and one claiming a number the register does not have.
    const foreign = await PDFDocument.create();
    foreign.addPage();
    const unknown = await w.call('reports.verify', { base64: b64(await foreign.save()) });
    expect(unknown).toMatchObject({ status: 'unknown', printout: null });
    expect(unknown.message).toMatch(/Не зарегистрирован/);
    foreign.setSubject('№ 2026-000999');
    const fake = await w.call('reports.verify', { base64: b64(await foreign.save()) });
    expect(fake.status).toBe('unknown');
    expect(fake.message).toMatch(/2026-000999.*такого номера нет/);
    expect((await w.call('reports.verify', { base64: Buffer.from('просто текст').toString('base64') })).message).toMatch(/не PDF и не XLSX/);
  });

  it('verifies an XLSX the same way: as made, edited in Excel, and the number read back from the file', async () => {
    const w = await district();
    const made = await w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, format: 'xlsx' });
    expect((await w.call('reports.verify', { base64: made.base64 })).status).toBe('registered');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(made.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    sheet.getCell('A1').value = 'исправлено';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await w.call('reports.verify', { base64: edited.toString('base64') });
    expect(res.status).toBe('changed');
    expect(res.printout?.number).toBe(made.printout.number);
  });

  it('prints again from the register with the same number, date and parameters', async () => {
    const w = await district();
    const made = await w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, format: 'pdf' });
    const again = await w.call('reports.reprint', { id: made.printout.id });
    expect(again.sameContent).toBe(true);
    // The renderer is deterministic: the same table and stamp give the very file issued.
    expect(again.sameFile).toBe(true);
    expect(again.printout.number).toBe('2026-000001');
    // The copy is itself a registered document (byte for byte the same, or recorded as a copy).
    const v = await w.call('reports.verify', { base64: again.base64 });
    expect(v.status).toBe('registered');
    expect(v.printout?.number).toBe('2026-000001');
    expect((await w.call('reports.register', {})).total).toBe(1);
    // An XLSX copy verifies too: byte for byte within the same two seconds, else as a registered copy of the number
    // (the zip writer stamps each part with the current time).
    const xlsx = await w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, format: 'xlsx' });
    const xlsxAgain = await w.call('reports.reprint', { id: xlsx.printout.id });
    expect(xlsxAgain.sameContent).toBe(true);
    expect((await w.call('reports.verify', { base64: xlsxAgain.base64 })).printout?.number).toBe(xlsx.printout.number);

    // A pupil entered later with a study dated before the as-of date changes what the registry says about that day:
    // the copy says so instead of passing for the original.
    await w.call('children.create', { child: person('Поздняя', 'Запись', null, '2015-03-03'), facts: [{ type: 'study', orgId: w.school1.id, classLabel: '5А', validFrom: '2026-09-01' }] });
    const later = await w.call('reports.reprint', { id: made.printout.id });
    expect(later.sameContent).toBe(false);
    expect(later.sameFile).toBe(false);
  });

  it('keeps a school user to its own organization and the inspector to reading the register', async () => {
    const w = await district();
    const other = await w.call('reports.make', { formId: 'kstovo-app2', orgId: w.school2.id, asOf: AS_OF, format: 'pdf' });
    await w.as('school1', 'пароль школы 1');
    const { forms, today } = await w.call('reports.forms', {});
    expect(today).toBe('2026-09-15');
    expect(forms.map((f) => f.id)).toContain('kstovo-app2');
    expect(forms.every((f) => f.orgKinds.includes('school'))).toBe(true);
    expect((await w.fails('reports.make', { formId: 'kstovo-app2', orgId: w.school2.id, asOf: AS_OF, format: 'pdf' })).code).toBe('FORBIDDEN');
    expect((await w.fails('reports.preview', { formId: 'kstovo-app2', orgId: w.school2.id, asOf: AS_OF })).code).toBe('FORBIDDEN');
    expect((await w.fails('reports.reprint', { id: other.printout.id })).code).toBe('FORBIDDEN');
    // Its own organization is taken when none is given.
    const own = await w.call('reports.make', { formId: 'kstovo-app2', asOf: AS_OF, format: 'pdf' });
    expect(own.printout).toMatchObject({ orgId: w.school1.id, childCount: 3 });
    const preview = await w.call('reports.preview', { formId: 'kstovo-app2', asOf: AS_OF });
    const names = preview.sections.flatMap((s) => s.groups.flatMap((g) => g.rows.map((r) => r.join(' ')))).join('\n');
    expect(names).toMatch(/Ёлкина/);
    expect(names).not.toMatch(/Чужой/);
    expect((await w.call('reports.register', {})).rows.map((r) => r.number)).toEqual([own.printout.number]);
    const foreignCheck = await w.call('reports.verify', { base64: other.base64 });
    expect(foreignCheck).toMatchObject({ status: 'registered', printout: null });

    await w.as('inspector', 'пароль проверяющего');
    expect((await w.call('reports.register', {})).total).toBe(2);
    expect((await w.call('reports.verify', { base64: other.base64 })).printout?.number).toBe(other.printout.number);
    expect((await w.fails('reports.make', { formId: 'kstovo-app2', orgId: w.school1.id, asOf: AS_OF, format: 'pdf' })).code).toBe('FORBIDDEN');
    expect((await w.fails('reports.reprint', { id: other.printout.id })).code).toBe('FORBIDDEN');
  });

  it('renders a large form in a worker thread, the same document as on the answering thread', async () => {
    const w = await district();
    const { open } = w.ws.require();
    const table = prepareForm(open, findProfile('kstovo')!, 'kstovo-app2', { orgId: w.school1.id, asOf: AS_OF });
    const stamp = { number: '2026-000042', date: '2026-09-15' };
    const [inWorker, here] = await Promise.all([renderInWorker({ format: 'pdf', table, stamp }), renderHere({ format: 'pdf', table, stamp })]);
    expect(Buffer.from(inWorker.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const [d1, d2] = await Promise.all([PDFDocument.load(inWorker), PDFDocument.load(here)]);
    expect(d1.getPageCount()).toBe(d2.getPageCount());
    expect(d1.getSubject()).toBe(d2.getSubject());
  });
});

describe('the report command line', () => {
  function uchet(args: string[], env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD, UCHET_TODAY: '2026-09-15', ...env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('lists the forms, makes a registered PDF and XLSX, and verifies files', async () => {
    const dir = tempDir();
    const db = join(dir, 'district.db');
    const w = await district(db);
    await w.call('session.lock', {});

    const list = uchet(['report', 'list', '--db', db]);
    expect(list.err).toBe('');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^kstovo-app2\tПриложение 2\. Список обучающихся по классам/m);
    expect(list.out.split('\n').filter(Boolean)).toHaveLength(findProfile('kstovo')!.forms.length);

    const pdfPath = join(dir, 'app2.pdf');
    const made = uchet(['report', '--db', db, '--form', 'kstovo-app2', '--org', 'Школа № 1', '--as-of', AS_OF, '--format', 'pdf', '--out', pdfPath]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/Документ № 2026-000001 от 15\.09\.2026: Приложение 2\. .*Школа № 1, по состоянию на 10\.09\.2026; детей: 3/);
    const xlsxPath = join(dir, 'app2.xlsx');
    expect(uchet(['report', '--db', db, '--form', 'kstovo-app2', '--org', 'Школа № 1', '--as-of', AS_OF, '--format', 'xlsx', '--out', xlsxPath]).code).toBe(0);

    const ok = uchet(['report', 'verify', pdfPath, '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/№ 2026-000001.*не изменён/);
    expect(uchet(['report', 'verify', xlsxPath, '--db', db]).out).toMatch(/№ 2026-000002/);

    const bytes = readFileSync(pdfPath);
    const changedPath = join(dir, 'changed.pdf');
    writeFileSync(changedPath, Buffer.concat([bytes, Buffer.from('\n% дописано после выдачи\n')]));
    const changed = uchet(['report', 'verify', changedPath, '--db', db]);
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/изменён после выдачи/);

    // Without the database only the number the file carries can be told.
    const offline = uchet(['report', 'verify', pdfPath]);
    expect(offline.out).toMatch(/№ 2026-000001/);

    const unknownPath = join(dir, 'other.pdf');
    const foreign = await PDFDocument.create();
    foreign.addPage();
    writeFileSync(unknownPath, await foreign.save());
    const unknown = uchet(['report', 'verify', unknownPath, '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/Не зарегистрирован/);

    const bad = uchet(['report', '--db', db, '--form', 'kstovo-app2', '--as-of', AS_OF, '--format', 'doc', '--out', join(dir, 'x.doc')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Неизвестный формат «doc»/);
  }, 180_000); // eight command-line processes, each loading the app: slow on a busy two-core machine
});
