import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { prepareForm } from '../../electron/services/reports/prepare';
import { childTerritories, territoryOfAddress } from '../../electron/services/territories/resolve';
import { findProfile } from '../../shared/profiles';
import { setUp } from './helpers';

// School territories on a real encrypted database: rules typed in and loaded from a real XLSX, every child's living
// address resolved, the addresses no rule takes listed. Made-up people and streets.

async function district() {
  const w = await setUp('kstovo');
  const add = (shortName: string) =>
    w.call('orgs.add', { kind: 'school', fullName: `Муниципальное бюджетное общеобразовательное учреждение «${shortName}»`, shortName, address: 'г. Кстово', headPosition: 'Директор', headName: 'Тестов Т. Т.' });
  const s1 = await add('Школа № 1');
  const s2 = await add('Школа № 2');
  const save = (orgId: number, locality: string, street: string, houses = '', parity: 'all' | 'even' | 'odd' = 'all') => w.call('territories.save', { orgId, locality, street, houses, parity });
  const child = async (surname: string, facts: { kind: 'registration' | 'actual'; text: string; locality?: string; street?: string; house?: string; validFrom?: string }[]) =>
    (
      await w.call('children.create', {
        child: { surname, name: 'Тест', patronymic: 'Тестович', birthDate: '2015-03-04', gender: 'm' },
        facts: facts.map((f) => ({ type: 'address' as const, ...f })),
      })
    ).child.id;
  return { ...w, s1, s2, save, child, sqlite: () => w.ws.current!.open.sqlite };
}

describe('school territories (issue 10, point 5)', () => {
  it('resolves each child by its living address: actual residence first, house ranges, parity, a whole village; unresolved listed', async () => {
    const w = await district();
    await w.save(w.s1.id, 'г. Кстово', 'ул. Ленина', '1–25');
    await w.save(w.s2.id, 'г. Кстово', 'ул. Ленина', '26–');
    await w.save(w.s1.id, 'г. Кстово', 'ул. Мира', '', 'odd');
    await w.save(w.s2.id, 'г. Кстово', 'ул. Мира', '', 'even');
    await w.save(w.s2.id, 'с. Работки', '');
    const a = await w.child('Ленинский', [{ kind: 'registration', text: 'г. Кстово, ул. Ленина, д. 7, кв. 3', locality: 'г. Кстово', street: 'ул. Ленина', house: '7' }]);
    const b = await w.child('Дальний', [{ kind: 'registration', text: 'Нижегородская обл., г. Кстово, ул. Ленина, д. 40' }]);
    const c = await w.child('Чётный', [
      { kind: 'registration', text: 'г. Кстово, ул. Ленина, д. 3' },
      { kind: 'actual', text: 'г. Кстово, Мира улица, 12-5' },
    ]);
    const d = await w.child('Нечётный', [{ kind: 'registration', text: 'г. Кстово, ул. Мира, д. 13А' }]);
    const e = await w.child('Сельский', [{ kind: 'registration', text: 'Кстовский р-н, с. Работки, ул. Школьная, д. 1' }]);
    const f = await w.child('Неразобранный', [{ kind: 'registration', text: 'г. Кстово, ул. Чапаева, д. 4, кв. 1' }]);
    const g = await w.child('Безадресный', []);
    await w.child('Второй с Чапаева', [{ kind: 'registration', text: 'г. Кстово, ул. Чапаева, д. 9' }]);
    const { today } = await w.call('app.state', {});

    const map = childTerritories(w.sqlite(), today);
    expect(map.get(a)).toBe(w.s1.id);
    expect(map.get(b)).toBe(w.s2.id);
    expect(map.get(c)).toBe(w.s2.id); // lives (actual) on Мира 12: even
    expect(map.get(d)).toBe(w.s1.id);
    expect(map.get(e)).toBe(w.s2.id);
    expect(map.get(f)).toBeNull();
    expect(map.get(g)).toBeNull();
    expect(territoryOfAddress(w.sqlite(), 'Кстово г, Ленина ул, дом 25')).toBe(w.s1.id);
    expect(territoryOfAddress(w.sqlite(), 'г. Кстово, ул. Лeнина, д. 26'.replace('e', 'е'))).toBe(w.s2.id);
    expect(territoryOfAddress(w.sqlite(), 'г. Москва, ул. Тверская, д. 1')).toBeNull();

    const un = await w.call('territories.unresolved', {});
    expect(un).toMatchObject({ children: 8, resolved: 5, noAddress: 1 });
    expect(un.groups).toEqual([{ locality: 'Кстово', street: 'Чапаева', count: 2, example: 'г. Кстово, ул. Чапаева, д. 4' }]);

    // The card says the territory school.
    expect(await w.call('territories.ofChild', { childId: c })).toEqual({ orgId: w.s2.id, orgName: 'Школа № 2' });
    expect(await w.call('territories.ofChild', { childId: f })).toBeNull();
  });

  it('an edited or removed row changes the resolution, and every change is in the journal', async () => {
    const w = await district();
    const rule = await w.save(w.s1.id, 'г. Кстово', 'ул. Ленина', '1–25');
    const kid = await w.child('Ленинский', [{ kind: 'registration', text: 'г. Кстово, ул. Ленина, д. 30' }]);
    const { today } = await w.call('app.state', {});
    expect(childTerritories(w.sqlite(), today).get(kid)).toBeNull();
    await w.call('territories.save', { id: rule.id, orgId: w.s1.id, locality: 'г. Кстово', street: 'ул. Ленина', houses: '1-31', parity: 'all' });
    expect(childTerritories(w.sqlite(), today).get(kid)).toBe(w.s1.id);
    expect((await w.call('territories.list', { orgId: w.s1.id }))[0]).toMatchObject({ houses: '1–31', orgName: 'Школа № 1' });
    await w.call('territories.remove', { id: rule.id });
    expect(childTerritories(w.sqlite(), today).get(kid)).toBeNull();
    expect(await w.call('territories.list', { orgId: null })).toEqual([]);
    const journal = await w.call('audit.list', { objectType: 'territory' });
    expect(journal.entries.map((e) => e.action).sort()).toEqual(['territories.remove', 'territories.save', 'territories.save']);
    expect(journal.entries.find((e) => e.details?.includes('было'))!.details).toContain('1–31');

    const bad = await w.fails('territories.save', { orgId: w.s1.id, locality: 'г. Кстово', street: 'ул. Мира', houses: 'до угла', parity: 'all' });
    expect(bad.message).toMatch(/не разобраны/u);
    // The row stays in the table, marked removed: never deleted.
    expect(() => w.sqlite().prepare('DELETE FROM territory_rules').run()).toThrow(/не удаляются/u);
  });

  it('imports territories from a real XLSX: a bad row refuses the whole file with row and column; a good one is added once', async () => {
    const w = await district();
    const file = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Территории');
      ws.addRow(['Закрепление территорий за общеобразовательными организациями']);
      ws.addRow(['Организация', 'Населённый пункт', 'Улица', 'Дома', 'Чётность']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    };
    const bad = await file([
      ['Школа № 1', 'г. Кстово', 'ул. Ленина', '1–25', ''],
      ['Школа № 9', 'г. Кстово', 'ул. Мира', '', ''],
      ['Школа № 2', 'г. Кстово', 'ул. Мира', 'с 2 по 40', 'через один'],
    ]);
    const preview = await w.call('territories.importPreview', { fileName: 'территории.xlsx', base64: bad });
    expect(preview.errorRows).toBe(2);
    expect(preview.rows[1]).toMatchObject({ fileRowNo: 4, errors: [{ column: 'Организация', message: expect.stringContaining('«Школа № 9» не найдена') }] });
    expect(preview.rows[2]!.errors[0]).toMatchObject({ column: 'Чётность' });
    const refused = await w.fails('territories.importApply', { fileName: 'территории.xlsx', base64: bad });
    expect(refused.message).toContain('строка 4, столбец «Организация»');
    expect(await w.call('territories.list', { orgId: null })).toEqual([]);

    const good = await file([
      ['Школа № 1', 'г. Кстово', 'ул. Ленина', '1–25', ''],
      ['МБОУ «Школа № 2»', 'г. Кстово', 'ул. Мира', 'с 2 по 40', 'чётные'],
      ['школа 2', 'с. Работки', '', '', ''],
      ['Школа № 1', 'г. Кстово', 'ул. Мира', '1–39 (нечётные)', ''],
    ]);
    const applied = await w.call('territories.importApply', { fileName: 'территории.xlsx', base64: good });
    expect(applied.added).toBe(4);
    expect((await w.call('territories.list', { orgId: w.s1.id })).map((r) => [r.street, r.houses, r.parity])).toEqual([
      ['ул. Ленина', '1–25', 'all'],
      ['ул. Мира', '1–39', 'odd'],
    ]);
    const rules = await w.call('territories.list', { orgId: w.s2.id });
    expect(rules.map((r) => [r.locality, r.street, r.houses, r.parity])).toEqual([
      ['г. Кстово', 'ул. Мира', '2–40', 'even'],
      ['с. Работки', '', '', 'all'],
    ]);
    const again = await w.call('territories.importApply', { fileName: 'территории.xlsx', base64: good });
    expect(again).toMatchObject({ added: 0, already: 4 });
    expect(territoryOfAddress(w.sqlite(), 'г. Кстово, ул. Мира, 14')).toBe(w.s2.id);
    expect(territoryOfAddress(w.sqlite(), 'г. Кстово, ул. Мира, 15')).toBe(w.s1.id);
    expect(territoryOfAddress(w.sqlite(), 'г. Кстово, ул. Мира, 42')).toBeNull();
  });

  it('Кстово приложение 1 lists the children aged 5–18 living on the school\'s territory, wherever they study', async () => {
    const w = await district();
    await w.save(w.s1.id, 'г. Кстово', 'ул. Ленина', '1–25');
    await w.save(w.s2.id, 'г. Кстово', 'ул. Ленина', '26–');
    const near = await w.child('Ближний', [{ kind: 'registration', text: 'г. Кстово, ул. Ленина, д. 5' }]);
    // Lives on school 2's territory but studies at school 1: not on school 1's list.
    const far = await w.child('Дальний', [{ kind: 'registration', text: 'г. Кстово, ул. Ленина, д. 30' }]);
    await w.call('facts.add', { childId: far, fact: { type: 'study', orgId: w.s1.id, classLabel: '3А', validFrom: '2025-09-01' } });
    await w.call('facts.add', { childId: near, fact: { type: 'study', orgId: w.s2.id, classLabel: '4Б', validFrom: '2025-09-01' } });
    const { today } = await w.call('app.state', {});
    const rows = (orgId: number) =>
      prepareForm(w.sqlite(), findProfile('kstovo')!, 'kstovo-app1', { orgId, asOf: today })
        .groups.flatMap((g) => g.rows)
        .map((r) => `${r[1]} | ${r[4]}`);
    expect(rows(w.s1.id)).toEqual(['Ближний Тест Тестович | Школа № 2 / 4Б']);
    expect(rows(w.s2.id)).toEqual(['Дальний Тест Тестович | Школа № 1 / 3А']);
  });
});
