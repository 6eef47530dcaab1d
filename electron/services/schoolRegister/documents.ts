import { DOC_TITLES, type DocKind } from '../../../shared/api/schoolRegister';
import { addDays, formatRuDate, type IsoDate } from '../../../shared/domain/dates';
import { ENTRY_KIND_LABELS, REMOVAL_REASON_LABELS, type RemovalCheck, type Standing } from '../../../shared/domain/schoolRegister';
import { headInitials } from '../../../shared/reports/format';
import type { Cell, PreparedColumn } from '../../../shared/reports/types';
import type { DocumentPart, PreparedDocument } from '../reports/pdf';
import type { AttendanceMonth } from '../attendance/read';
import type { Entry } from './entries';

/**
 * The documents of the internal school register as templates filled with the pupil's and the school's data: each
 * is a PreparedDocument drawn by the report engine's PDF writer (reports/pdf.ts renderDocumentPdf).
 */

export interface DocOrg {
  fullName: string;
  shortName: string;
  address: string;
  headPosition: string;
  headName: string;
}

export interface DocPupil {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: IsoDate;
  gender: 'm' | 'f' | null;
  classLabel: string | null;
  address: string | null;
  representatives: { relation: string; fullName: string; phone: string | null }[];
}

export interface DocData {
  org: DocOrg;
  /** The education department's name (the settings'). */
  department: string;
  pupil: DocPupil;
  attendance: AttendanceMonth[];
  /** The entries that count, by date. */
  entries: Entry[];
  standing: Standing;
  removal: RemovalCheck | null;
  today: IsoDate;
}

const fio = (p: DocPupil) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
/** Accusative: «поставить на учёт обучающуюся». Names are not declined: they follow in brackets, as written. */
const pupilAcc = (p: DocPupil) => (p.gender === 'f' ? 'обучающуюся' : p.gender === 'm' ? 'обучающегося' : 'обучающегося (обучающуюся)');
/** «обучающуюся 8Б класса (Иванова Мария Петровна, 12.03.2012 г. р.)». */
const pupilNamedAcc = (p: DocPupil) => `${pupilAcc(p)} ${classText(p)} (${fio(p)}, ${formatRuDate(p.birthDate)} г. р.)`.replace(/\s+/gu, ' ');
const placed = (p: DocPupil) => (p.gender === 'f' ? 'поставленную' : p.gender === 'm' ? 'поставленного' : 'поставленного (поставленную)');
const pupilNom = (p: DocPupil) => (p.gender === 'f' ? 'обучающаяся' : p.gender === 'm' ? 'обучающийся' : 'обучающийся (обучающаяся)');
const classText = (p: DocPupil) => (p.classLabel ? `${p.classLabel} класса` : '');
/** «Иванова Мария Петровна, 12.03.2012 г. р., 7А класс». */
const pupilLine = (p: DocPupil) => [fio(p), `${formatRuDate(p.birthDate)} г. р.`, p.classLabel ? `${p.classLabel} класс` : null].filter(Boolean).join(', ');
const parentsText = (p: DocPupil) => (p.representatives.length ? p.representatives.map((r) => `${r.relation}: ${r.fullName}${r.phone ? `, тел. ${r.phone}` : ''}`).join('; ') : 'сведений нет');

const RU_MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const monthName = (m: string) => `${RU_MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

function col(key: string, header: string, width: number, kind: PreparedColumn['kind'] = 'text'): PreparedColumn {
  return { key, header, width, kind };
}

const p = (text: string, more: Partial<Extract<DocumentPart, { kind: 'paragraph' }>> = {}): DocumentPart => ({ kind: 'paragraph', text, ...more });
const section = (text: string): DocumentPart => ({ kind: 'paragraph', text, bold: true, indent: false, gapBefore: 12, keepWithNext: true });

function missedText(d: DocData, since: IsoDate | null = null): string {
  const ms = d.attendance.filter((m) => m.missedUnexcused > 0 && (since === null || m.month >= since.slice(0, 7)));
  return ms.length ? ms.map((m) => `${monthName(m.month)} — ${m.missedUnexcused} из ${m.lessonsHeld} уроков`).join('; ') : 'по данным посещаемости пропусков без уважительной причины нет';
}

function attendanceTable(months: readonly AttendanceMonth[], withTotal: boolean): DocumentPart {
  const rows: Cell[][] = months.map((m) => [monthName(m.month), m.lessonsHeld, m.missedTotal, m.missedTotal - m.missedUnexcused, m.missedUnexcused]);
  const totals: Cell[][] = [];
  if (withTotal && months.length) {
    const sum = (f: (m: AttendanceMonth) => number) => months.reduce((s, m) => s + f(m), 0);
    totals.push(['Всего', sum((m) => m.lessonsHeld), sum((m) => m.missedTotal), sum((m) => m.missedTotal - m.missedUnexcused), sum((m) => m.missedUnexcused)]);
  }
  return {
    kind: 'table',
    totals,
    columns: [col('month', 'Месяц', 26), col('held', 'Уроков проведено', 18, 'number'), col('missed', 'Пропущено всего', 18, 'number'), col('excused', 'По уважительной причине', 19, 'number'), col('unexcused', 'Без уважительной причины', 19, 'number')],
    rows,
    emptyText: 'Сведений о посещаемости нет',
  };
}

/** A step as a line of «принятые меры». */
function stepWhat(e: Entry): string {
  const d = e.data;
  switch (e.row.kind) {
    case 'contact':
      return `Беседа с родителями (${d.how}). Ответ: ${d.answer}`;
    case 'warning':
      return `Письменное предупреждение об административной ответственности (${d.parent})`;
    case 'visit':
      return `Посещение на дому с ПДН (${d.pdn}) и УСП (${d.social}); акт обследования. ${d.conclusion}`;
    case 'petition':
      return 'Ходатайство о постановке на внутришкольный учёт';
    case 'registered':
      return `Постановка на внутришкольный учёт (протокол № ${d.protocol})`;
    case 'report':
      return 'Информация о родителях направлена в Отдел образования, ТКДНиЗП, ПДН';
    case 'work':
    case 'measure':
      return d.what;
    case 'letter':
      return `Обращение в ${d.addressee}${d.outNumber ? ` № ${d.outNumber}` : ''}: ${d.subject}`;
    case 'removalPetition':
      return 'Ходатайство о снятии с внутришкольного учёта';
    default:
      return ENTRY_KIND_LABELS[e.row.kind];
  }
}

function measuresTable(d: DocData, kinds: readonly string[]): DocumentPart {
  const rows = d.entries.filter((e) => kinds.includes(e.row.kind)).map((e) => [e.row.on_date, stepWhat(e), e.row.actor, e.data.result || ''] as Cell[]);
  return { kind: 'table', columns: [col('date', 'Дата', 14, 'date'), col('what', 'Мера', 46), col('who', 'Кто проводил', 24), col('result', 'Результат', 20)], rows, emptyText: 'Мер не записано' };
}

const STEP_KINDS = ['contact', 'warning', 'visit', 'petition', 'registered', 'report', 'measure', 'letter'];

function letterhead(d: DocData): Pick<PreparedDocument, 'orgFullName' | 'orgLines'> {
  return { orgFullName: d.org.fullName, orgLines: d.org.address ? [d.org.address] : [] };
}

function director(d: DocData): { position: string; name: string } {
  return { position: d.org.headPosition || 'Директор', name: d.org.headName ? headInitials(d.org.headName) : '' };
}

function pupilFields(d: DocData): DocumentPart {
  return {
    kind: 'fields',
    rows: [
      ['Обучающийся', pupilLine(d.pupil)],
      ['Адрес проживания', d.pupil.address ?? 'сведений нет'],
      ['Родители (законные представители)', parentsText(d.pupil)],
    ],
  };
}

function lastOf(d: DocData, kind: string): Entry | undefined {
  return d.entries.filter((e) => e.row.kind === kind).at(-1);
}

/** The document `doc` of entry `e` (null for the карта учёта). */
export function buildDocument(doc: DocKind, e: Entry | null, d: DocData): PreparedDocument {
  const title = DOC_TITLES[doc];
  const pu = d.pupil;
  const base = { title, ...letterhead(d), addressee: [] as string[], stampPlace: false };
  const on = e ? formatRuDate(e.row.on_date) : formatRuDate(d.today);
  const data = e?.data;
  switch (doc) {
    case 'contact':
      return {
        ...base,
        heading: ['СПРАВКА', 'о беседе классного руководителя с родителями (законными представителями)'],
        body: [
          pupilFields(d),
          { kind: 'fields', rows: [['Дата', on], ['Способ связи', data!.how], ['Ответ родителей', data!.answer], ['Причина пропусков', data!.cause || 'не установлена'], ['Пропуски без уважительной причины', missedText(d)]] },
          p('Родители (законные представители) предупреждены о необходимости усиления контроля за поведением ребёнка и посещаемостью учебных занятий (п. 2.1 Инструкции о порядке ведения учёта несовершеннолетних, не обучающихся или систематически пропускающих учебные занятия).', { gapBefore: 10 }),
        ],
        signers: [{ position: e!.row.actor, name: null }],
      };
    case 'warning': {
      const contact = lastOf(d, 'contact');
      return {
        ...base,
        addressee: ['Родителю (законному представителю)', data!.parent, ...(pu.address ? [pu.address] : [])],
        heading: ['ПРЕДУПРЕЖДЕНИЕ', 'об административной ответственности'],
        body: [
          p(`${on}`, { indent: false, align: 'right', gapBefore: 0 }),
          p(`Администрация ${d.org.shortName} сообщает, что Ваш ребёнок, ${pupilNom(pu)} ${classText(pu)} ${fio(pu)}, ${formatRuDate(pu.birthDate)} г. р., пропускает учебные занятия без уважительной причины: ${missedText(d)}.${contact ? ` Несмотря на беседу классного руководителя с Вами ${formatRuDate(contact.row.on_date)}, пропуски продолжаются.` : ''}`, { gapBefore: 8 }),
          p('Напоминаем, что в соответствии с частью 2 статьи 63 Семейного кодекса Российской Федерации и пунктом 1 части 4 статьи 44 Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации» родители (законные представители) обязаны обеспечить получение детьми общего образования.'),
          p('Предупреждаем Вас, что неисполнение или ненадлежащее исполнение родителями (законными представителями) обязанностей по содержанию, воспитанию и обучению несовершеннолетних влечёт административную ответственность по части 1 статьи 5.35 Кодекса Российской Федерации об административных правонарушениях. Если пропуски продолжатся, школа обязана будет подробно проинформировать отдел образования, территориальную комиссию по делам несовершеннолетних и защите их прав и подразделение по делам несовершеннолетних для привлечения родителей к административной ответственности.'),
          p('Просим Вас усилить контроль за посещаемостью учебных занятий ребёнком и прийти в школу для беседы с классным руководителем.'),
          ...(data!.what ? [p(data!.what)] : []),
          p('Предупреждение получил(а): _______________ / __________________ «___» __________ 20___ г.', { indent: false, gapBefore: 16 }),
        ],
        signers: [director(d), { position: e!.row.actor, name: null }],
      };
    }
    case 'visit':
      return {
        ...base,
        heading: ['АКТ', 'обследования условий жизни несовершеннолетнего (посещения на дому)'],
        body: [
          { kind: 'fields', rows: [['Дата посещения', on], ['Адрес', data!.address]] },
          p('Посещение проведено в соответствии с п. 2.2.2 Инструкции о порядке ведения учёта несовершеннолетних, не обучающихся или систематически пропускающих учебные занятия, в составе:', { gapBefore: 8 }),
          { kind: 'fields', rows: [['От школы', e!.row.actor], ['От ПДН', data!.pdn], ['От Управления социальной политики', data!.social]] },
          pupilFields(d),
          { kind: 'fields', rows: [['Дома находились', data!.present || 'никого'], ['Пропуски без уважительной причины', missedText(d)]] },
          section('Результаты обследования'),
          p(data!.findings),
          ...(data!.cause ? [section('Причина пропусков'), p(data!.cause)] : []),
          section('Выводы и рекомендации'),
          p(data!.conclusion),
          p('С актом ознакомлен(а): _______________ / ____________________ «___» __________ 20___ г.', { indent: false, gapBefore: 16 }),
        ],
        signers: [
          { position: e!.row.actor, name: null },
          { position: data!.pdn, name: null },
          { position: data!.social, name: null },
        ],
      };
    case 'petition':
      return {
        ...base,
        addressee: [`${!d.org.headPosition || d.org.headPosition === 'Директор' ? 'Директору' : d.org.headPosition} ${d.org.shortName}`, d.org.headName ? headInitials(d.org.headName) : ''].filter(Boolean),
        heading: ['ХОДАТАЙСТВО', 'о постановке обучающегося на внутришкольный учёт'],
        body: [
          p(`Прошу поставить на внутришкольный учёт ${pupilNamedAcc(pu)} за неоднократные, систематические пропуски учебных занятий без уважительной причины (п. 2.3, 3.1 Инструкции).`, { gapBefore: 8 }),
          section('Посещаемость учебных занятий'),
          attendanceTable(d.attendance, true),
          section('Принятые меры'),
          measuresTable(d, STEP_KINDS),
          section('Основания'),
          p(data!.grounds),
          p(`Дата: ${on}`, { indent: false, gapBefore: 10 }),
        ],
        signers: [{ position: e!.row.actor, name: null }],
      };
    case 'registered':
    case 'removed': {
      const registering = doc === 'registered';
      const reason = data!.reason;
      return {
        ...base,
        heading: ['РЕШЕНИЕ', registering ? 'о постановке обучающегося на внутришкольный учёт' : 'о снятии обучающегося с внутришкольного учёта'],
        body: [
          { kind: 'fields', rows: [['Дата решения', on], ['Протокол Совета профилактики', data!.protocol ? `№ ${data!.protocol}` : '—'], ...(registering ? [] : ([['Основание', reason ? REMOVAL_REASON_LABELS[reason] : '—']] as [string, string][]))] },
          pupilFields(d),
          p(
            registering
              ? `Решили: поставить на внутришкольный учёт ${pupilNamedAcc(pu)} для проведения индивидуальной профилактической работы и более строгого контроля за посещаемостью (п. 2.3 Инструкции); заместителю директора по правовому воспитанию (социальному педагогу) завести карту учёта (п. 3.2).`
              : reason === 'council'
                ? `Решили: на основании ходатайства классного руководителя, характеристики, выписки из классного журнала и справок по индивидуальной работе снять с внутришкольного учёта ${pupilNamedAcc(pu)}: в течение шести месяцев учебные занятия без уважительной причины не пропускались (п. 4.1 Инструкции).`
                : `Снять с внутришкольного учёта ${pupilNamedAcc(pu)}: ${reason ? REMOVAL_REASON_LABELS[reason] : ''} (п. 4.2 Инструкции).`,
            { gapBefore: 10 },
          ),
        ],
        signers: [{ position: e!.row.actor, name: null }],
        stampPlace: true,
      };
    }
    case 'report':
      return {
        ...base,
        addressee: [d.department, 'Территориальная комиссия по делам несовершеннолетних и защите их прав', 'Подразделение по делам несовершеннолетних'],
        heading: ['ИНФОРМАЦИЯ', 'о родителях (законных представителях), не уделяющих должного внимания воспитанию ребёнка и получению им образования'],
        body: [
          p(`${on}`, { indent: false, align: 'right', gapBefore: 0 }),
          p(`В соответствии с п. 2.4 Инструкции о порядке ведения учёта несовершеннолетних, не обучающихся или систематически пропускающих учебные занятия, и статьёй 9 Федерального закона от 24.06.1999 № 120-ФЗ «Об основах системы профилактики безнадзорности и правонарушений несовершеннолетних» ${d.org.shortName} информирует, что ${pupilNom(pu)} ${classText(pu)} ${fio(pu)}, ${formatRuDate(pu.birthDate)} г. р., систематически пропускает учебные занятия без уважительной причины, а родители (законные представители) не принимают мер к тому, чтобы ребёнок посещал школу.`, { gapBefore: 8 }),
          pupilFields(d),
          section('Посещаемость учебных занятий'),
          attendanceTable(d.attendance, true),
          section('Меры, принятые школой'),
          measuresTable(d, STEP_KINDS),
          section('Сведения о родителях (законных представителях)'),
          p(data!.what),
          p('Просим рассмотреть вопрос о привлечении родителей (законных представителей) к административной ответственности и сообщить о принятых мерах в письменной форме (п. 5.3 Инструкции).'),
          p(`Исполнитель: ${e!.row.actor}`, { indent: false, gapBefore: 10 }),
        ],
        signers: [director(d)],
        stampPlace: true,
      };
    case 'letter':
      return {
        ...base,
        addressee: [data!.addressee],
        heading: ['ОБРАЩЕНИЕ', `об обучающемся ${fio(pu)}`],
        body: [
          p(`${on}${data!.outNumber ? `  № ${data!.outNumber}` : ''}`, { indent: false, align: 'right', gapBefore: 0 }),
          pupilFields(d),
          p(data!.subject, { gapBefore: 10 }),
          p(`Просим дать письменный ответ о принятых мерах в срок до ${formatRuDate(e!.row.due_on!)} (п. 5.3 Инструкции).`),
          p(`Исполнитель: ${e!.row.actor}`, { indent: false, gapBefore: 10 }),
        ],
        signers: [director(d)],
        stampPlace: true,
      };
    case 'card':
      return buildCard(d);
    case 'removalPetition': {
      const r = d.removal;
      const reg = lastOf(d, 'registered');
      return {
        ...base,
        addressee: [`В Совет профилактики ${d.org.shortName}`],
        heading: ['ХОДАТАЙСТВО', 'о снятии обучающегося с внутришкольного учёта'],
        body: [
          p(
            `Прошу снять с внутришкольного учёта ${pupilNamedAcc(pu)}, ${placed(pu)} на учёт ${d.standing.registeredOn ? formatRuDate(d.standing.registeredOn) : ''}${reg?.data.protocol ? ` (протокол № ${reg.data.protocol})` : ''}${r ? `: с ${formatRuDate(addDays(r.countedFrom, 1))} по ${formatRuDate(addDays(r.dueOn, -1))} (шесть месяцев) учебные занятия без уважительной причины не пропускались` : ''} (п. 4.1 Инструкции).`,
            { gapBefore: 8 },
          ),
          section('Основания'),
          p(data!.grounds),
          p('Прилагаются: характеристика на обучающегося; выписка из классного журнала; справка по индивидуальной работе с обучающимся и его родителями (законными представителями).', { gapBefore: 8 }),
          p(`Дата: ${on}`, { indent: false, gapBefore: 10 }),
        ],
        signers: [{ position: e!.row.actor, name: null }],
      };
    }
    case 'characteristic':
      return {
        ...base,
        heading: ['ХАРАКТЕРИСТИКА', `на ${pupilAcc(pu)} ${classText(pu)}`.trim(), `${fio(pu)}, ${formatRuDate(pu.birthDate)} г. р.`],
        body: [...data!.characteristic.split(/\n+/u).filter(Boolean).map((t) => p(t)), p(`Дата: ${on}`, { indent: false, gapBefore: 10 })],
        signers: [{ position: e!.row.actor, name: null }, director(d)],
        stampPlace: true,
      };
    case 'journalExtract': {
      const from = d.standing.registeredOn ? d.standing.registeredOn.slice(0, 7) : '';
      const months = d.attendance.filter((m) => m.month >= from);
      return {
        ...base,
        heading: ['ВЫПИСКА ИЗ КЛАССНОГО ЖУРНАЛА', 'о посещаемости учебных занятий и текущей успеваемости'],
        body: [
          pupilFields(d),
          { kind: 'fields', rows: [['На внутришкольном учёте с', d.standing.registeredOn ? formatRuDate(d.standing.registeredOn) : '—'], ['Период выписки', months.length ? `${monthName(months[0]!.month)} — ${monthName(months.at(-1)!.month)}` : '—']] },
          section('Посещаемость учебных занятий'),
          attendanceTable(months, true),
          section('Текущая успеваемость'),
          p(data!.progress),
          p(`Дата: ${on}`, { indent: false, gapBefore: 10 }),
        ],
        signers: [{ position: e!.row.actor, name: null }, { position: 'Верно. Заместитель директора по учебно-воспитательной работе', name: '' }],
        stampPlace: true,
      };
    }
    case 'workReference':
      return {
        ...base,
        heading: ['СПРАВКА', 'по индивидуальной работе с обучающимся и его родителями (законными представителями)'],
        body: [
          pupilFields(d),
          section('Индивидуальная профилактическая работа'),
          workTable(d),
          section('Меры, принятые школой, и обращения в органы системы профилактики'),
          measuresTable(d, STEP_KINDS),
          p(`Дата: ${on}`, { indent: false, gapBefore: 10 }),
        ],
        signers: [{ position: e!.row.actor, name: null }],
      };
  }
}

function workTable(d: DocData): DocumentPart {
  const rows = d.entries.filter((e) => e.row.kind === 'work').map((e) => [e.row.on_date, e.row.actor, e.data.what, e.data.result] as Cell[]);
  return { kind: 'table', columns: [col('date', 'Дата', 14, 'date'), col('who', 'Кто проводил', 24), col('what', 'Содержание работы', 42), col('result', 'Результат', 24)], rows, emptyText: 'Записей нет' };
}

function buildCard(d: DocData): PreparedDocument {
  const pu = d.pupil;
  const reg = lastOf(d, 'registered');
  const cond = lastOf(d, 'conditions');
  const letters = d.entries.filter((e) => e.row.kind === 'letter');
  const answers = d.entries.filter((e) => e.row.kind === 'answer');
  const letterRows: Cell[][] = letters.map((l) => {
    const a = answers.filter((x) => x.row.ref_id === l.row.id).at(-1);
    const overdue = !a && l.row.due_on !== null && d.today > l.row.due_on;
    return [
      l.row.on_date,
      `${l.data.addressee}${l.data.outNumber ? `, № ${l.data.outNumber}` : ''}`,
      l.data.subject,
      l.row.due_on,
      a ? `${formatRuDate(a.row.on_date)}: ${a.data.what}` : overdue ? 'ответ не получен, срок истёк' : 'ответ не получен',
    ];
  });
  return {
    title: DOC_TITLES.card,
    ...letterhead(d),
    addressee: [],
    heading: ['КАРТА УЧЁТА', 'обучающегося, состоящего на внутришкольном учёте'],
    body: [
      {
        kind: 'fields',
        rows: [
          ['Ф.И.О.', fio(pu)],
          ['Дата рождения', formatRuDate(pu.birthDate)],
          ['Класс', pu.classLabel ?? '—'],
          ['Адрес проживания', pu.address ?? 'сведений нет'],
          ['Родители (законные представители)', parentsText(pu)],
          ['Дата постановки на учёт', reg ? `${formatRuDate(reg.row.on_date)}${reg.data.protocol ? `, протокол № ${reg.data.protocol}` : ''}` : 'не поставлен'],
          ['Положение', d.standing.label],
        ],
      },
      section(`Условия проживания${cond ? ` (сведения на ${formatRuDate(cond.row.on_date)}, ${cond.row.actor})` : ''}`),
      cond
        ? { kind: 'fields', rows: [['Состав семьи', cond.data.family], ['Жилищные условия', cond.data.housing], ['С кем проживает', cond.data.livesWith]] }
        : p('Сведения не внесены.', { indent: false }),
      section('Индивидуальная профилактическая работа'),
      workTable(d),
      section('Меры, принятые школой'),
      measuresTable(d, ['contact', 'warning', 'visit', 'petition', 'registered', 'report', 'measure']),
      section('Обращения в органы системы профилактики и ответы на них'),
      {
        kind: 'table',
        columns: [col('date', 'Дата', 13, 'date'), col('to', 'Адресат, исх. №', 22), col('what', 'Содержание', 30), col('due', 'Срок ответа', 13, 'date'), col('answer', 'Ответ', 26)],
        rows: letterRows,
        emptyText: 'Обращений нет',
      },
      section('Посещаемость учебных занятий'),
      attendanceTable(d.attendance, true),
    ],
    signers: [{ position: 'Заместитель директора по правовому воспитанию (социальный педагог)', name: '' }],
    stampPlace: false,
  };
}

