import { describe, expect, it } from 'vitest';
import { cyrillicToLayout, layoutToCyrillic, otherLayout } from '../../../shared/domain/names';

describe('the other keyboard layout (a password typed with the wrong one)', () => {
  it('turns Russian-layout text into the QWERTY keys pressed, and back', () => {
    expect(cyrillicToLayout('зфыыцщкв')).toBe('password');
    expect(cyrillicToLayout('вуьщ-вуьщ-вуьщ')).toBe('demo-demo-demo');
    expect(layoutToCyrillic(cyrillicToLayout('Секретный пароль 1'))).toBe('Секретный пароль 1');
  });

  it('picks the direction from the text, and says when no key changes', () => {
    expect(otherLayout('ghbdtn')).toBe('привет');
    expect(otherLayout('привет')).toBe('ghbdtn');
    expect(otherLayout('12345 678')).toBeNull();
  });
});
