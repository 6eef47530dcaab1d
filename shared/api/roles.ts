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
