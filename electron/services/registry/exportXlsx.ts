import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { formatRuDate } from '../../../shared/domain/dates';
import { educationFormLabel, isEducationFormId } from '../../../shared/domain/educationForms';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { capitalize } from '../../../shared/text';
import { readerScope } from '../access';
import type { CallContext } from '../context';
import { ROW_COLUMNS, buildWhere, orderBy } from './search';

/**
 * The filtered registry as an editable XLSX, streamed row by row (200,000 rows do not fit exceljs's
 * in-memory workbook comfortably). Dates are real date cells shown as ДД.ММ.ГГГГ.
 */
export async function exportXlsx(ctx: CallContext, input: ParsedInput<'children.exportXlsx'>): Promise<CallOutput<'children.exportXlsx'>> {
  const { open } = ctx.session();
  const { where, args } = buildWhere(open.sqlite, input, readerScope(ctx), ctx.today());
  const rows = open.sqlite
    .prepare(`SELECT ${ROW_COLUMNS} FROM children c LEFT JOIN organizations o ON o.id = c.cur_org_id WHERE ${where} ORDER BY ${orderBy(input.sort, input.dir)}`)
    .iterate(...args) as IterableIterator<{ surname: string; name: string; patronymic: string | null; birthDate: string; orgName: string | null; classLabel: string | null; form: string | null }>;

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => (out.on('end', resolve), out.on('error', reject)));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('Реестр', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '№ п/п', key: 'n', width: 8 },
    { header: 'Фамилия', key: 'surname', width: 20 },
    { header: 'Имя', key: 'name', width: 16 },
    { header: 'Отчество', key: 'patronymic', width: 20 },
    { header: 'Дата рождения', key: 'birth', width: 14, style: { numFmt: 'dd.mm.yyyy' } },
    { header: 'Организация', key: 'org', width: 28 },
    { header: 'Класс/группа', key: 'cls', width: 12 },
    { header: 'Форма получения образования', key: 'form', width: 28 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for (const r of rows) {
    n += 1;
    ws.addRow({
      n,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic ?? '',
      birth: new Date(`${r.birthDate}T00:00:00Z`),
      org: r.orgName ?? '',
      cls: r.classLabel ?? '',
      form: isEducationFormId(r.form) ? capitalize(educationFormLabel(r.form)) : '',
    }).commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  ctx.target('registry', null, { exported: n });
  const stamp = formatRuDate(ctx.today());
  return { fileName: `Реестр детей ${stamp}.xlsx`, base64: Buffer.concat(chunks).toString('base64'), rows: n };
}
