export const ROLES = ['admin', 'operator', 'school', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Администратор отдела',
  operator: 'Специалист отдела',
  school: 'Пользователь организации',
  inspector: 'Проверяющий (только чтение)',
};

/** Roles that may see the sensitive flags (ПДН, СОП, опека, ТКДНиЗП). */
export const ROLES_SEEING_SENSITIVE: readonly Role[] = ['admin', 'operator'];

/**
 * Roles that may read a карта учёта of the internal school register (living conditions, preventive work, letters):
 * the department's administrator and operator, and a school's user for its own pupils; never an inspector.
 */
export const ROLES_READING_REGISTER_CARDS: readonly Role[] = ['admin', 'operator', 'school'];
