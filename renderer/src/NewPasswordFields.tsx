import { PasswordInput } from '@mantine/core';
import { newPasswordSchema } from '../../shared/api/schemas';

export interface NewPasswordErrors {
  password?: string;
  repeat?: string;
}

/** The one check of a new password typed twice: the contract's rule, then that both are the same. */
export function newPasswordErrors(password: string, repeat: string): NewPasswordErrors {
  const out: NewPasswordErrors = {};
  const p = newPasswordSchema.safeParse(password);
  if (!p.success) out.password = p.error.issues[0]?.message ?? 'Неверный пароль';
  if (repeat !== password) out.repeat = 'Пароли не совпадают';
  return out;
}

interface Props {
  label?: string;
  description?: string;
  value: string;
  repeat: string;
  onChange(value: string): void;
  onRepeatChange(value: string): void;
  errors: NewPasswordErrors;
  required?: boolean;
  /** The first field takes the focus when the dialog around it opens (Mantine's data-autofocus). */
  autoFocus?: boolean;
}

/** A new password and its repetition («Пароль», «Пароль ещё раз»), as every form that sets one shows them. */
export function NewPasswordFields({ label = 'Пароль', description, value, repeat, onChange, onRepeatChange, errors, required, autoFocus }: Props) {
  return (
    <>
      <PasswordInput
        label={label}
        description={description}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={errors.password}
        autoComplete="new-password"
        required={required}
        data-autofocus={autoFocus || undefined}
      />
      <PasswordInput
        label={`${label} ещё раз`}
        value={repeat}
        onChange={(e) => onRepeatChange(e.currentTarget.value)}
        error={errors.repeat}
        autoComplete="new-password"
        required={required}
      />
    </>
  );
}
