import { sortKeyRu } from '../../../shared/domain/collation';
import { normalizeName } from '../../../shared/domain/names';

/** The derived columns of a child row: search keys and the Russian sort key. Display keeps what was written. */
export function childKeys(c: { surname: string; name: string; patronymic: string | null; birthDate: string }) {
  return {
    surnameNorm: normalizeName(c.surname),
    nameNorm: normalizeName(c.name),
    patronymicNorm: normalizeName(c.patronymic ?? ''),
    // Name first, then birth date: two namesakes sort by age.
    sortKey: `${sortKeyRu(`${c.surname} ${c.name} ${c.patronymic ?? ''}`)}\u0001${c.birthDate}`,
  };
}
