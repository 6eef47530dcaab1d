import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/api';
import { canCall } from '../access';
import { api } from '../api';

/** On the child's card: the school whose territory the child lives on (by its living address), or that it is on none. */
export function TerritoryBadge({ childId, user }: { childId: number; user: SessionUser }) {
  const [state, setState] = useState<{ orgName: string } | null | undefined>(undefined);
  useEffect(() => {
    if (!canCall(user.role, 'territories.ofChild')) return;
    let live = true;
    api
      .call('territories.ofChild', { childId })
      .then((t) => live && setState(t))
      .catch(() => live && setState(undefined));
    return () => {
      live = false;
    };
  }, [childId, user.role]);
  if (state === undefined) return null;
  return state ? (
    <Badge variant="outline" size="lg" color="gray" title="Школа, за которой закреплена территория по адресу проживания">
      территория: {state.orgName}
    </Badge>
  ) : (
    <Badge variant="outline" size="lg" color="orange" title="Адрес не относится ни к одной закреплённой территории">
      вне территорий школ
    </Badge>
  );
}
