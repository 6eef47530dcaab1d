import type { KeyboardEvent } from 'react';

/**
 * Paper forms are typed with the keyboard: Enter moves to the next field (after a dropdown has taken the
 * highlighted option), Enter in the last field saves, Ctrl+Enter saves from anywhere. Tab is left alone.
 *
 * A field marked `data-section-key` opens an optional section: Enter in it while it is empty skips the rest
 * of the section (to the next `data-section-start` field, or to saving).
 */
const FIELD_SELECTOR = [
  'input:not([type=hidden]):not([disabled]):not([tabindex="-1"])',
  'textarea:not([disabled])',
  'button[type=submit]:not([disabled])',
].join(', ');

function visible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0;
}

function fieldsOf(form: HTMLFormElement): HTMLElement[] {
  const seenRadio = new Set<string>();
  const out: HTMLElement[] = [];
  for (const el of form.querySelectorAll<HTMLElement>(FIELD_SELECTOR)) {
    if (!visible(el) || el.closest('[data-enter-skip]')) continue;
    // A radio group is one stop: its checked radio, or its first.
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (seenRadio.has(el.name)) continue;
      seenRadio.add(el.name);
      const checked = form.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`);
      out.push(checked ?? el);
      continue;
    }
    out.push(el);
  }
  return out;
}

function focusField(el: HTMLElement): void {
  el.focus();
  if (el instanceof HTMLInputElement && ['text', 'search', 'tel', ''].includes(el.type) && !el.readOnly) el.select();
}

export function enterMovesOn(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.nativeEvent.isComposing) return;
  const form = e.currentTarget;
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    form.requestSubmit();
    return;
  }
  const target = e.target;
  if (!(target instanceof HTMLInputElement)) return; // buttons, text areas and links keep their own Enter
  // A dropdown took Enter for its highlighted option: the field is filled, so it is not «empty».
  const takenByDropdown = e.defaultPrevented;
  e.preventDefault();
  const fields = fieldsOf(form);
  let index = fields.indexOf(target);
  if (index < 0) {
    const radio = target.type === 'radio' ? fields.findIndex((f) => f instanceof HTMLInputElement && f.name === target.name) : -1;
    if (radio < 0) return;
    index = radio;
  }
  let next = index + 1;
  if (!takenByDropdown && target.dataset.sectionKey !== undefined && target.value.trim() === '') {
    const start = fields.findIndex((f, i) => i > index && f.dataset.sectionStart !== undefined);
    next = start < 0 ? fields.length : start;
  }
  const el = fields[next];
  // At once, not after a timer: a fast typist's next letters are already on their way to the next field.
  if (el && !(el instanceof HTMLButtonElement && el.type === 'submit')) focusField(el);
  // The option a dropdown has just written reaches the form's state on the next render: save after it.
  else if (takenByDropdown) window.setTimeout(() => form.requestSubmit(), 0);
  else form.requestSubmit();
}
