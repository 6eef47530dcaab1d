import { Alert, Badge, Button, FileButton, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import type { OrgImport } from '../../../shared/api/territories';
import { ORG_KIND_LABELS } from '../../../shared/profiles/types';
import { api, errorText } from '../api';
import { readAsBase64 } from '../intake/common';
import { notifyOk } from '../ui';

const ACTION_LABEL = { add: 'новая', update: 'обновится', same: 'без изменений' } as const;
const ACTION_COLOR = { add: 'green', update: 'blue', same: 'gray' } as const;

/** «Загрузить из файла» on the Организации page: the file checked row by row, shown, then applied all at once. */
export function OrgImportButton({ onApplied }: { onApplied: () => void }) {
  const [preview, setPreview] = useState<{ result: OrgImport; base64: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = useRef<() => void>(null);

  const check = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const base64 = await readAsBase64(file, () => undefined);
      setPreview({ result: await api.call('orgs.importPreview', { fileName: file.name, base64 }), base64 });
    } catch (e) {
      setPreview(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
      reset.current?.();
    }
  };

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await api.call('orgs.importApply', { fileName: preview.result.fileName, base64: preview.base64 });
      notifyOk(`Организации загружены: добавлено ${r.added}, обновлено ${r.updated}`);
      setPreview(null);
      onApplied();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const r = preview?.result;
  return (
    <>
      <FileButton resetRef={reset} onChange={(f) => void check(f)} accept=".xlsx,.csv,.txt,.ods,.xls">
        {(props) => (
          <Button variant="default" loading={busy && !preview} {...props}>
            Загрузить из файла
          </Button>
        )}
      </FileButton>
      {error && !preview && (
        <Modal opened onClose={() => setError(null)} title="Файл не загружен" size="lg">
          <Alert color="red">{error}</Alert>
        </Modal>
      )}
      <Modal opened={!!r} onClose={() => setPreview(null)} title={r ? `Организации из файла «${r.fileName}»` : ''} size="90%">
        {r && (
          <Stack gap="sm">
            <Text size="sm">
              Строк: {r.rows.length}. Новых: {r.added}, обновится: {r.updated}, без изменений: {r.rows.filter((x) => x.action === 'same' && x.errors.length === 0).length}
              {r.errorRows > 0 ? `, с ошибками: ${r.errorRows}` : ''}.
            </Text>
            {r.errorRows > 0 && (
              <Alert color="red" title="В файле есть ошибки">
                Файл применяется целиком или никак: исправьте строки с ошибками в файле и загрузите его снова.
              </Alert>
            )}
            {error && <Alert color="red">{error}</Alert>}
            <Table.ScrollContainer minWidth={900} type="native" mah={480}>
              <Table striped verticalSpacing={4} fz="sm" aria-label="Организации из файла">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Строка</Table.Th>
                    <Table.Th>Вид</Table.Th>
                    <Table.Th>Краткое наименование</Table.Th>
                    <Table.Th>Руководитель</Table.Th>
                    <Table.Th>ИНН</Table.Th>
                    <Table.Th miw={170}>Итог</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.rows.map((row) => (
                    <Table.Tr key={row.fileRowNo} bg={row.errors.length ? 'red.0' : undefined}>
                      <Table.Td>{row.fileRowNo}</Table.Td>
                      <Table.Td>{row.kind ? ORG_KIND_LABELS[row.kind] : '—'}</Table.Td>
                      <Table.Td>{row.shortName}</Table.Td>
                      <Table.Td>{[row.headPosition, row.headName].filter(Boolean).join(' ')}</Table.Td>
                      <Table.Td>{row.inn}</Table.Td>
                      <Table.Td>
                        {row.errors.length > 0 ? (
                          <Stack gap={2}>
                            {row.errors.map((e, i) => (
                              <Text key={i} size="sm" c="red">
                                {`Строка ${row.fileRowNo}, столбец «${e.column}»: ${e.message}`}
                              </Text>
                            ))}
                          </Stack>
                        ) : (
                          <Group gap={4}>
                            <Badge variant="light" color={ACTION_COLOR[row.action]} style={{ overflow: 'visible' }}>
                              {ACTION_LABEL[row.action]}
                            </Badge>
                            {row.changes.length > 0 && <Text size="xs" c="dimmed">{row.changes.join(', ')}</Text>}
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPreview(null)}>
                Отмена
              </Button>
              <Button onClick={() => void apply()} disabled={r.errorRows > 0} loading={busy}>
                Применить
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
