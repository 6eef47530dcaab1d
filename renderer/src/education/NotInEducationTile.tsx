import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { api } from '../api';
import { navigate } from '../nav';

/** «Не обучаются: N» on the home desk, as of the desk's date; a click opens the list. */
type TileProps = { label: string; value: ReactNode; color?: string; hint?: string; onClick?: () => void };

/** `Tile` is the desk's tile (DeskTile of HomePage), passed in so that this file does not import the page back. */
export function NotInEducationTile({ asOf, Tile }: { asOf: string | null; Tile: ComponentType<TileProps> }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!asOf) return;
    let live = true;
    api.call('education.list', { asOf, limit: 1 }).then(
      (r) => live && setCount(r.total),
      () => live && setCount(null),
    );
    return () => {
      live = false;
    };
  }, [asOf]);
  return (
    <Tile
      label="Не обучаются"
      value={count ?? '…'}
      color={count ? 'red' : undefined}
      hint="дети 6,5–18 лет без обучения — открыть список"
      onClick={() => navigate({ page: 'education' })}
    />
  );
}
