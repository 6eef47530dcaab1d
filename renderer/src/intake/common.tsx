import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { SubmissionRow, SubmissionSummary } from '../../../shared/api/intake';
import { FIELD_LABELS, type FieldId } from '../../../shared/intake/headers';
import { formatDate } from '../format';
import { navigate } from '../nav';

/** Where inside «Списки» the user is: '' (the table), 'file', 'paper', '12', '12/review', '12/review/345'. */
export function goIntake(path = '', options: { replace?: boolean } = {}): void {
  navigate({ page: 'intake', path }, options);
}

export const STATUS_LABELS: Record<SubmissionSummary['status'], string> = {
  draft: 'не применён',
  applied: 'применён',
  undone: 'отменён',
  discarded: 'отклонён',
};

const STATUS_COLORS: Record<SubmissionSummary['status'], string> = {
  draft: 'yellow',
  applied: 'green',
  undone: 'gray',
  discarded: 'gray',
};

export function StatusBadge({ status, size = 'md' }: { status: SubmissionSummary['status']; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** The order fields are offered in the column mapping: as a form reads, not as the recognizer tries them. */
export const FIELD_ORDER: readonly FieldId[] = (() => {
  const first: FieldId[] = [
    'rowNumber',
    'fio',
    'surname',
    'name',
    'patronymic',
    'birthDate',
    'gender',
    'snils',
    'birthCertificate',
    'identityDocument',
    'citizenship',
    'addressRegistration',
    'addressActual',
    'addressResidence',
    'registrationDate',
    'organization',
    'organizationAndClass',
    'classOrGroup',
    'enrolmentOrder',
    'enrolmentDate',
    'expulsionOrder',
    'expulsionDate',
    'previousOrganization',
    'leftTo',
    'continuedAt',
    'continuationConfirmed',
    'nextYearFirstGrade',
    'attendanceStatus',
    'educationForm',
    'reason',
    'parents',
    'phone',
    'notes',
  ];
  const rest = (Object.keys(FIELD_LABELS) as FieldId[]).filter((f) => !first.includes(f));
  return [...first.filter((f) => f in FIELD_LABELS), ...rest];
})();

/**
 * The column an issue names, for people: the header as the file wrote it. A row fixed in place may come back
 * naming a field id (the submission had no column of that field, e.g. «surname» of a list with one ФИО column).
 */
export function columnTitle(column: string): string {
  return (FIELD_LABELS as Record<string, string>)[column] ?? column;
}

/** «Строка 17, «Дата рождения»: «31.02.2015» — такой даты нет». */
export function issueText(rowNo: number, issue: SubmissionRow['issues'][number]): string {
  const where = `Строка ${rowNo}, «${columnTitle(issue.column)}»`;
  const value = issue.value.trim();
  return value ? `${where}: «${value}» — ${issue.message}` : `${where}: ${issue.message}`;
}

export function personName(v: { surname: string | null; name: string | null; patronymic: string | null }): string {
  return [v.surname, v.name, v.patronymic].filter(Boolean).join(' ');
}

export const rowAddress = (v: SubmissionRow['values']): string | null => v.addressRegistration ?? v.addressResidence ?? v.addressActual;

export interface DecisionView {
  label: string;
  color: string;
  childId: number | null;
  childName: string | null;
}

/** What will happen to the row when the list is applied, in words. */
export function decisionView(row: SubmissionRow): DecisionView {
  const linked = row.childId !== null ? row.candidates.find((c) => c.childId === row.childId) : undefined;
  const childName = linked ? `${personName(linked)}, ${formatDate(linked.birthDate)}` : null;
  if (row.excluded) return { label: 'не принимается', color: 'gray', childId: null, childName: null };
  if (row.hasErrors) return { label: 'ошибка в строке', color: 'red', childId: null, childName: null };
  switch (row.decision) {
    case 'auto':
      if (row.childId === null && row.sameAsRow !== null) return { label: `тот же ребёнок, что в строке ${row.sameAsRow}`, color: 'teal', childId: null, childName: null };
      return { label: 'связан автоматически', color: 'teal', childId: row.childId, childName };
    case 'manual':
      return { label: 'связан по решению', color: 'teal', childId: row.childId, childName };
    case 'new':
      return { label: 'новый ребёнок', color: 'blue', childId: row.childId, childName: null };
    case 'review':
      return { label: 'ждёт решения', color: 'orange', childId: null, childName: null };
    default:
      return { label: '—', color: 'gray', childId: null, childName: null };
  }
}

export const isUndecided = (row: SubmissionRow): boolean => !row.excluded && !row.hasErrors && row.decision === 'review' && row.childId === null;

/** Reads a file as base64, reporting how much is read (0…1). */
export function readAsBase64(file: File, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onerror = () => reject(new Error('Файл не прочитан. Проверьте, что он не открыт в другой программе, и попробуйте ещё раз.'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      onProgress(1);
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}

export const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * A dialog is on screen: its content (role="dialog"). Mantine 8 keeps an empty .mantine-Modal-root in the page for a
 * closed Modal that is rendered (the backup offer on lock is, on every page), so the root alone says nothing.
 */
export const modalOpen = (): boolean => document.querySelector('[role="dialog"]') !== null;

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** A question before an action that changes much (apply, undo, discard); the action's button is focused. */
export function Confirm({ title, children, confirmLabel, color, onConfirm, onClose }: ConfirmProps) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={() => !busy && onClose()} title={<Text fw={700}>{title}</Text>} size="lg" centered>
      <Stack gap="md">
        {children}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Отмена
          </Button>
          <Button
            color={color}
            loading={busy}
            data-autofocus
            onClick={() => {
              setBusy(true);
              onConfirm().finally(() => setBusy(false));
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
