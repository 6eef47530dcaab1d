import { describe, expect, it } from 'vitest';
import { extractJournal, journalField } from '../../../electron/services/attendance/journalFile';

describe('the columns of a journal’s attendance report, by their headers', () => {
  it('knows the spellings of the journals', () => {
    expect(journalField('Уроков проведено')).toBe('lessonsHeld');
    expect(journalField('Проведено уроков')).toBe('lessonsHeld');
    expect(journalField('Всего уроков')).toBe('lessonsHeld');
    expect(journalField('Пропущено всего')).toBe('missedTotal');
    expect(journalField('Пропущено уроков')).toBe('missedTotal');
    expect(journalField('По уважительной причине')).toBe('missedExcused');
    expect(journalField('Из них по уважительной')).toBe('missedExcused');
    expect(journalField('По неуважительной причине')).toBe('missedUnexcused');
    expect(journalField('Без уважительной причины')).toBe('missedUnexcused');
    expect(journalField('Прогулы')).toBe('missedUnexcused');
    expect(journalField('ФИО')).toBeNull();
  });

  it('reads a two-row header and works out the missing figure', () => {
    const rows = [
      ['Отчёт о посещаемости'],
      ['Ф.И.О. учащегося', 'Класс', 'Уроков проведено', 'Пропущено уроков', null],
      [null, null, null, 'всего', 'по уважительной'],
      ['Иванов Иван Иванович', '7Б', 72, 40, 4],
      ['Петрова Пётр', '7Б', '72', '', ''],
      ['Итого', null, 144, 40, 4],
    ];
    const f = extractJournal(rows, 'x.xlsx', '');
    expect(f.fileIssues).toEqual([]);
    expect(f.columnLabels).toMatchObject({ fio: 'A «Ф.И.О. учащегося»', missedTotal: 'D «Пропущено уроков | всего»', missedExcused: 'E «Пропущено уроков | по уважительной»' });
    expect(f.rows).toHaveLength(2);
    expect(f.rows[0]).toMatchObject({ surname: 'Иванов', name: 'Иван', patronymic: 'Иванович', classLabel: '7Б', lessonsHeld: 72, missedTotal: 40, missedUnexcused: 36, issues: [] });
    expect(f.rows[1]!.issues.map((i) => `${i.row} ${i.column}: ${i.message}`)).toEqual(['5 D «Пропущено уроков | всего»: не указано, сколько уроков пропущено (0, если пропусков нет)']);
  });

  it('says what is missing when the table has no attendance columns', () => {
    const f = extractJournal([['ФИО', 'Дата рождения'], ['Иванов Иван', '01.01.2015']], 'список.xlsx', '');
    expect(f.fileIssues.map((i) => i.message)[0]).toMatch(/Не найдена строка заголовков отчёта о посещаемости/u);
  });
});
