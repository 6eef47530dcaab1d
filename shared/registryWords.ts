/**
 * The words the registry's screen and its Excel export use for what is not there, so a printed list says
 * what the screen says: never an empty cell where the screen says «не в организации» or «нет».
 */
export const REGISTRY_WORDS = {
  /** No organization teaches the child now (the registry's «Организация» column). */
  noOrg: 'не в организации',
  /** No form of education in force (the registry's «Форма образования» column). */
  noForm: 'нет',
  noAddress: 'не указан',
  noRepresentatives: 'не указаны',
  noPhone: 'не указан',
} as const;
