import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { CallContext } from '../context';
import { toCsv } from '../csv';

export const LINKS_CSV_HEADER = ['file', 'row', 'child_id', 'decision', 'score'];

/**
 * One line per accepted row of every list not discarded: which child it was linked to and how sure the
 * linkage was (for checking linkage against a labelled list). A row still in review has no child.
 */
export function exportLinks(ctx: CallContext, _input: ParsedInput<'intake.exportLinks'>): CallOutput<'intake.exportLinks'> {
  const rows = ctx
    .session()
    .open.sqlite.prepare(
      `SELECT x.file_name AS file, r.row_no AS row, r.child_id AS childId, r.decision, r.score
       FROM submission_rows r JOIN submissions x ON x.id = r.submission_id
       WHERE x.status != 'discarded' AND r.decision IS NOT NULL AND NOT r.excluded AND NOT r.has_errors
       ORDER BY x.id, r.row_no`,
    )
    .all() as { file: string | null; row: number; childId: number | null; decision: string; score: number | null }[];
  ctx.target('submission', null, { format: 'csv', rows: rows.length });
  const text = toCsv(
    LINKS_CSV_HEADER,
    rows.map((r) => [r.file ?? 'бумажный список', r.row, r.decision === 'review' ? null : r.childId, r.decision, r.score === null ? null : (r.score / 10).toFixed(1)]),
    { eol: '\n' },
  );
  return { text, rows: rows.length };
}
