import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { formatRuDate } from '../../../shared/domain/dates';
import { headInitials } from '../../../shared/reports/format';
import type { CallContext } from '../context';
import type { PreparedDocument } from '../reports/pdf';
import { issuePrintout, sha256Hex } from '../reports/register';
import { notePrinted, notice } from './service';

export const NOTICE_FORM_ID = 'transfer-notice';
export const NOTICE_TITLE = 'Уведомление о зачислении обучающегося в порядке перевода';

/**
 * The receiving school's letter to the sending one (Инструкция п. 2.6; Порядок перевода, приказ Минобрнауки
 * от 12.03.2014 № 177, п. 12): the number and date of the enrolment order. Printed through the documents' PDF code
 * and registered with a number like every printout.
 */
export async function printNotice(ctx: CallContext, input: ParsedInput<'movement.printNotice'>): Promise<CallOutput<'movement.printNotice'>> {
  const n = notice(ctx, input.id);
  const { row, school, from } = n;
  const fromName = from?.full_name ?? row.counterpart_name ?? '';
  const order = `№ ${row.order_number ?? '—'} от ${formatRuDate(row.order_date!)}`;
  const doc: PreparedDocument = {
    title: NOTICE_TITLE,
    orgFullName: school.full_name,
    orgLines: school.address ? [school.address] : [],
    // «Руководителю» and the organization: the head's name would need the dative case, which is not declined here.
    addressee: ['Руководителю', fromName].filter(Boolean),
    heading: ['УВЕДОМЛЕНИЕ', 'о зачислении обучающегося в порядке перевода'],
    body: [
      {
        kind: 'paragraph',
        text: `В соответствии с пунктом 12 Порядка осуществления перевода обучающихся, утверждённого приказом Министерства образования и науки Российской Федерации от 12.03.2014 № 177, ${school.full_name} уведомляет о зачислении в порядке перевода обучающегося, отчисленного из ${fromName || 'исходной организации'}:`,
      },
      {
        kind: 'fields',
        rows: [
          ['Фамилия, имя, отчество', n.fio],
          ['Дата рождения', formatRuDate(n.birthDate)],
          ['Класс', n.classLabel ?? ''],
          ['Распорядительный акт о зачислении', `приказ ${order}`],
          ['Дата зачисления', n.enrolledOn ? formatRuDate(n.enrolledOn) : ''],
        ],
      },
    ],
    signers: [{ position: school.head_position || 'Руководитель', name: school.head_name ? headInitials(school.head_name) : '' }],
    stampPlace: true,
  };
  const today = ctx.today();
  const { renderDocumentPdf } = await import('../reports/pdf');
  const { printout, bytes } = await issuePrintout(
    ctx,
    {
      formId: NOTICE_FORM_ID,
      formTitle: NOTICE_TITLE,
      params: { formId: NOTICE_FORM_ID, orgId: school.id, asOf: today, year: null },
      format: 'pdf',
      childCount: 1,
      tableSha: sha256Hex(JSON.stringify(doc)),
    },
    (stamp) => renderDocumentPdf(doc, stamp),
  );
  notePrinted(ctx, row, printout.number);
  const fileName = `Уведомление о зачислении № ${printout.number}.pdf`;
  return { printout, fileName, base64: Buffer.from(bytes).toString('base64') };
}
