import { describe, expect, it } from 'vitest';
import { findControlCharacter, textParam } from './text.js';

describe('textParam', () => {
  const q = textParam(10);

  it('trims and keeps ordinary text, accents and emoji', () => {
    expect(q.parse('  ção 😀 ')).toBe('ção 😀');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['ESC', '\u001b[2J'],
    ['a line break inside', 'a\nb'],
    ['DEL', 'a\u007f'],
  ])('refuses %s with the control-character message', (_name, value) => {
    const result = q.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('validation.control_chars');
  });

  it('keeps its length limit', () => {
    expect(q.safeParse('x'.repeat(11)).success).toBe(false);
  });
});

describe('findControlCharacter', () => {
  it('names the path of the first string or key holding a NUL or another control character', () => {
    expect(findControlCharacter({ a: 'ok', b: [{ c: 'x\u0000' }] })).toEqual(['b', 0, 'c']);
    expect(findControlCharacter({ 'k\u0001': 1 })).toEqual(['k\u0001']);
    expect(findControlCharacter('\u0000')).toEqual([]);
  });

  it('names a string or key holding half of a surrogate pair (jsonb refuses it), and lets whole pairs through', () => {
    expect(findControlCharacter({ messages: { email: 'promo \ud800 fim' } })).toEqual(['messages', 'email']);
    expect(findControlCharacter({ note: 'x\udc00' })).toEqual(['note']);
    expect(findControlCharacter({ '\ud83d': 1 })).toEqual(['\ud83d']);
    expect(findControlCharacter({ note: 'carro 🚗 pronto', emoji: '\ud83d\ude97' })).toBeNull();
  });

  it('lets tabs and line breaks through (free text keeps them)', () => {
    expect(findControlCharacter({ notes: 'linha 1\r\nlinha\t2' })).toBeNull();
  });

  it('walks a deeply nested value without exhausting the stack', () => {
    let value: unknown = 'fundo\u0000';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(findControlCharacter(value)).toHaveLength(100_000);
  });
});
