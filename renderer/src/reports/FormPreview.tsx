import type { ReportPreview } from '../../../shared/api/reports';
import { cellText } from '../../../shared/reports/format';
import type { ColumnKind } from '../../../shared/reports/types';
import { plural } from '../format';

type Section = ReportPreview['sections'][number];
type Column = Section['columns'][number];

/** Two header rows where columns share an upper header (Кстово, приложение 6), one otherwise. */
function HeaderRows({ columns }: { columns: Column[] }) {
  const grouped = columns.some((c) => c.group);
  if (!grouped) {
    return (
      <tr>
        {columns.map((c) => (
          <th key={c.key}>{c.header}</th>
        ))}
      </tr>
    );
  }
  const top: { label: string; span: number; column?: Column }[] = [];
  for (const c of columns) {
    const last = top.at(-1);
    if (c.group && last && !last.column && last.label === c.group) last.span += 1;
    else top.push(c.group ? { label: c.group, span: 1 } : { label: c.header, span: 1, column: c });
  }
  return (
    <>
      <tr>
        {top.map((t, i) =>
          t.column ? (
            <th key={t.column.key} rowSpan={2}>
              {t.label}
            </th>
          ) : (
            <th key={`g${i}`} colSpan={t.span}>
              {t.label}
            </th>
          ),
        )}
      </tr>
      <tr>
        {columns
          .filter((c) => c.group)
          .map((c) => (
            <th key={c.key}>{c.header}</th>
          ))}
      </tr>
    </>
  );
}

function SectionTable({ section, emptyText }: { section: Section; emptyText: string }) {
  const total = section.columns.reduce((n, c) => n + c.width, 0) || 1;
  const rows = section.groups.reduce((n, g) => n + g.rows.length, 0);
  const kind = (c: Column) => c.kind as ColumnKind;
  return (
    <table className="report-table">
      <colgroup>
        {section.columns.map((c) => (
          <col key={c.key} style={{ width: `${((c.width / total) * 100).toFixed(1)}%` }} />
        ))}
      </colgroup>
      <thead>
        <HeaderRows columns={section.columns} />
      </thead>
      <tbody>
        {rows === 0 && section.totals.length === 0 && (
          <tr>
            <td colSpan={section.columns.length} className="report-empty">
              {emptyText}
            </td>
          </tr>
        )}
        {section.groups.map((g, gi) => (
          <GroupRows key={gi} heading={g.heading} rows={g.rows} columns={section.columns} kind={kind} />
        ))}
        {section.rowCount > rows && (
          <tr className="report-more">
            <td colSpan={section.columns.length}>
              … и ещё {section.rowCount - rows} {plural(section.rowCount - rows, 'строка', 'строки', 'строк')} — в документе все {section.rowCount}
            </td>
          </tr>
        )}
        {section.totals.map((row, i) => (
          <tr key={`t${i}`} className="report-totals">
            {section.columns.map((c, ci) => (
              <td key={c.key} data-kind={c.kind}>
                {cellText(row[ci] ?? null, kind(c))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GroupRows({ heading, rows, columns, kind }: { heading: string | null; rows: Section['groups'][number]['rows']; columns: Column[]; kind: (c: Column) => ColumnKind }) {
  return (
    <>
      {heading && (
        <tr className="report-group">
          <td colSpan={columns.length}>{heading}</td>
        </tr>
      )}
      {rows.map((row, ri) => (
        <tr key={ri}>
          {columns.map((c, ci) => (
            <td key={c.key} data-kind={c.kind}>
              {cellText(row[ci] ?? null, kind(c))}
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/**
 * The first page of a form as it will be printed: the title block, the organization, the date, the first rows
 * of the table and the signature block. Made from the same prepared table as the PDF and the XLSX.
 */
export function FormPreview({ preview }: { preview: ReportPreview }) {
  const p = preview;
  return (
    <div className="report-sheet" data-orientation={p.orientation} aria-label="Предварительный просмотр формы">
      <div className="report-attachment">
        {p.attachment.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </div>
      <div className="report-heading">
        {p.heading.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </div>
      {p.orgFullName && (
        <div className="report-org">
          <div className="report-org-name">{p.orgFullName}</div>
          {p.orgCaption && <div className="report-caption">{p.orgCaption}</div>}
        </div>
      )}
      {p.asOfLine && <div className="report-asof">{p.asOfLine}</div>}
      {p.sections.map((s, i) => (
        <div key={i} className="report-section">
          {s.heading && <div className="report-section-heading">{s.heading}</div>}
          <SectionTable section={s} emptyText={p.emptyText} />
        </div>
      ))}
      {p.footnotes.length > 0 && (
        <div className="report-footnotes">
          {p.footnotes.map((f, i) => (
            <div key={i}>{f}</div>
          ))}
        </div>
      )}
      <div className="report-signature">
        <span>{p.signature.position}</span>
        <span className="report-sign-line">
          <span className="report-caption">(подпись)</span>
        </span>
        <span>{p.signature.name || '________________'}</span>
        {p.signature.stamp && <span className="report-stamp">М.П.</span>}
      </div>
    </div>
  );
}
