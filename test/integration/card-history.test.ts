/**
 * Issue 12, points 7 and 8: a card's history explains itself — «Изменено: СНИЛС» with the value before and after,
 * the person's name rather than the login — and an edit with two bad fields is refused with both.
 */
import { describe, expect, it } from 'vitest';
import { snilsChecksum } from '../../shared/domain/snils';
import { setUp } from './helpers';

const snils = (nine: string) => nine + snilsChecksum(nine);

describe('a card’s history', () => {
  it('shows each changed field with its value before and after, and who changed it by name', async () => {
    const w = await setUp();
    const first = snils('112233445');
    const second = snils('123456780');
    const card = await w.call('children.create', {
      child: { surname: 'Орлова', name: 'Ольга', patronymic: 'Ивановна', birthDate: '2016-06-05', gender: 'f', snils: first },
      facts: [],
    });
    const c1 = await w.call('children.update', { id: card.child.id, version: card.child.version, child: { ...card.child, snils: second, birthDate: '2016-05-06' } });
    const c2 = await w.call('children.update', { id: c1.child.id, version: c1.child.version, child: { ...c1.child, snils: null } });

    const changes = c2.timeline.filter((t) => t.text.startsWith('Изменено'));
    // Newest first.
    expect(changes.map((t) => t.text)).toEqual(['Изменено: СНИЛС', 'Изменено: дата рождения, СНИЛС']);
    expect(changes[1]!.changes).toEqual([
      { field: 'birthDate', label: 'дата рождения', before: '05.06.2016', after: '06.05.2016' },
      { field: 'snils', label: 'СНИЛС', before: '112-233-445 95', after: `${second.slice(0, 3)}-${second.slice(3, 6)}-${second.slice(6, 9)} ${second.slice(9)}` },
    ]);
    expect(changes[0]!.changes).toEqual([{ field: 'snils', label: 'СНИЛС', before: changes[1]!.changes![1]!.after, after: 'не указан' }]);
    expect(changes[0]!.source?.label).toMatch(/^Введено вручную: Администратор Тестовый, \d\d\.\d\d\.\d{4}$/);
    expect(changes[0]!.source?.label).not.toContain('admin');
  });

  it('an edit with a date that does not exist and a СНИЛС with a wrong sum is refused with both, each on its field', async () => {
    const w = await setUp();
    const card = await w.call('children.create', { child: { surname: 'Орлова', name: 'Ольга', birthDate: '2016-06-05' }, facts: [] });
    const e = await w.fails('children.update', { id: card.child.id, version: card.child.version, child: { ...card.child, birthDate: '2016-02-31', snils: '112-233-445 00' } });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues?.map((i) => i.path).sort()).toEqual(['child.birthDate', 'child.snils']);
  });
});
