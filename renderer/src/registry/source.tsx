import { Anchor, Text } from '@mantine/core';
import type { Role } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/api/registry';
import { canCall } from '../access';
import { routeHref } from '../nav';

/**
 * Where a fact came from, in words; a list is a link that opens it (Списки → the list) for a role that may
 * open lists.
 */
export function SourceText({ source, role }: { source: SourceInfo; role: Role }) {
  if (source.kind === 'list' && source.submissionId && canCall(role, 'intake.summary')) {
    return (
      <Anchor href={routeHref({ page: 'intake', path: String(source.submissionId) })} size="xs" inherit>
        {source.label}
      </Anchor>
    );
  }
  return <>{source.label}</>;
}

/** «Изменено: СНИЛС» with what it was and what it became. */
export function ChangeLines({ changes }: { changes: { field: string; label: string; before: string; after: string }[] }) {
  return (
    <>
      {changes.map((c) => (
        <Text key={c.field} size="xs" data-testid="history-change">
          {c.label[0]!.toUpperCase() + c.label.slice(1)}: <s>{c.before}</s> → <b>{c.after}</b>
        </Text>
      ))}
    </>
  );
}
