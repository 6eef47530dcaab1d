import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../shared/api/auditText';
import { PROFILES } from '../../shared/profiles';

const entry = (action: string, objectType: string, objectId: string | null, details: unknown) => ({ action, objectType, objectId, details: details === null ? null : JSON.stringify(details) });

describe('Журнал in Russian words', () => {
  it('renders the details services write as people say them', () => {
    const cases: [ReturnType<typeof entry>, { action: string; object: string; details: string }][] = [
      [entry('children.search', 'registry', null, { shown: 50, total: 1234, withQuery: true }), { action: 'Поиск в реестре', object: 'Реестр', details: 'показано: 50; найдено: 1234; поиск по тексту: да' }],
      [entry('intake.rows', 'submission', '3', { filter: 'all' }), { action: 'Строки списка', object: 'Список № 3', details: 'показаны: все строки' }],
      [
        entry('intake.decide', 'submission', '3', { row: 5, decision: 'link', childId: 17 }),
        { action: 'Решение по совпадению', object: 'Список № 3', details: 'строка: № 5; решение: связать с известным ребёнком; ребёнок: № 17' },
      ],
      [
        entry('intake.upload', 'submission', '3', { file: 'список.xlsx', rows: 40, kind: 'school-pupils' }),
        { action: 'Приём списка из файла', object: 'Список № 3', details: 'файл: «список.xlsx»; строк: 40; вид: Обучающиеся общеобразовательного учреждения' },
      ],
      [entry('facts.add', 'child', '3', { added: 'study', factId: 9, ended: 7 }), { action: 'Новые сведения о ребёнке', object: 'Ребёнок № 3', details: 'добавлено: обучение; сведения: № 9; окончено: сведения № 7' }],
      [entry('streets.add', 'street', '4', { locality: 'п. Свободный', name: 'Ленина' }), { action: 'Добавление улицы', object: 'Улица № 4', details: 'населённый пункт: «п. Свободный»; улица: «Ленина»' }],
      [
        entry('access.denied', 'child', '3', { call: 'children.card', reason: 'Этот ребёнок не относится к вашей организации.' }),
        { action: 'Отказ в доступе', object: 'Ребёнок № 3', details: 'вызов: Просмотр карточки ребёнка; причина: Этот ребёнок не относится к вашей организации.' },
      ],
      [
        entry('reports.reprint', 'report', 'zato-app2', { reprint: '2026-000001' }),
        { action: 'Повторная печать документа', object: 'Форма отчёта «Приложение 2. Учёт форм получения образования»', details: 'копия документа: № 2026-000001' },
      ],
      [
        entry('reports.preview', 'report', 'zato-app2', { preview: true, children: 5 }),
        { action: 'Просмотр формы отчёта', object: 'Форма отчёта «Приложение 2. Учёт форм получения образования»', details: 'просмотр первой страницы: да; детей: 5' },
      ],
      [
        entry('backup.create', 'database', 'abc-def', { file: 'x.uchetbak', bytes: 204800, sealedEntry: 12 }),
        { action: 'Резервная копия', object: 'База данных abc-def', details: 'файл: «x.uchetbak»; размер, КиБ: 200; печать журнала на записи: № 12' },
      ],
    ];
    for (const [e, want] of cases) expect(describeAuditEntry(e)).toEqual(want);
  });

  it('names report forms and organizations when it can', () => {
    const form = PROFILES[0]!.forms[0]!;
    const t = describeAuditEntry(entry('reports.make', 'report', form.id, { form: form.id, orgId: 5, asOf: '2026-09-01' }), { orgName: (id) => (id === 5 ? 'МБОУ «СШ № 25»' : undefined) });
    expect(t.object).toBe(`Форма отчёта «${form.title}»`);
    expect(t.details).toBe(`форма: ${form.title}; организация: МБОУ «СШ № 25»; на дату: 01.09.2026`);
  });
});
