import { Alert, Anchor, List, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SimilarChild } from '../../../shared/api/registry';
import { api } from '../api';
import { formatDate } from '../format';
import { routeHref } from '../nav';

export interface SimilarQuery {
  surname: string;
  name: string;
  patronymic: string;
  /** ISO, or null while the date is not typed in full. */
  birthDate: string | null;
  excludeId?: number;
}

/** Children who may be this one, asked once surname, name and birth date are all there. */
export function useSimilar(q: SimilarQuery): SimilarChild[] {
  const [found, setFound] = useState<SimilarChild[]>([]);
  const asked = useRef(0);
  const ready = q.surname.trim() !== '' && q.name.trim() !== '' && q.birthDate !== null;
  useEffect(() => {
    const ticket = ++asked.current;
    if (!ready) {
      setFound([]);
      return;
    }
    const timer = window.setTimeout(() => {
      api
        .call('children.findSimilar', {
          surname: q.surname,
          name: q.name,
          patronymic: q.patronymic || null,
          birthDate: q.birthDate ?? '',
          ...(q.excludeId !== undefined ? { excludeId: q.excludeId } : {}),
        })
        .then(
          (list) => ticket === asked.current && setFound(list),
          () => undefined,
        );
    }, 250);
    return () => window.clearTimeout(timer);
  }, [ready, q.surname, q.name, q.patronymic, q.birthDate, q.excludeId]);
  return found;
}

export function fullName(c: { surname: string; name: string; patronymic: string | null }): string {
  return [c.surname, c.name, c.patronymic].filter(Boolean).join(' ');
}

/** «Похоже, этот ребёнок уже есть:» with a link to each card and why; the same person in red. */
export function SimilarWarning({ found, footer }: { found: SimilarChild[]; footer?: ReactNode }) {
  if (!found.length) return null;
  const strong = found.some((c) => c.strong);
  return (
    <Alert color={strong ? 'red' : 'yellow'} title="Похоже, этот ребёнок уже есть:" data-enter-skip>
      <List spacing={4} size="sm">
        {found.map((c) => (
          <List.Item key={c.id}>
            <Anchor href={routeHref({ page: 'child', id: c.id })} fw={600} c={c.strong ? 'red.8' : undefined}>
              {fullName(c)}, {formatDate(c.birthDate)}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {' '}
              · № {c.id}
              {c.orgName ? ` · ${c.orgName}` : ' · не обучается в организации'}
            </Text>
            <Text size="sm" c={c.strong ? 'red.8' : undefined} fw={c.strong ? 600 : undefined}>
              {c.reason}
            </Text>
          </List.Item>
        ))}
      </List>
      {footer}
    </Alert>
  );
}
