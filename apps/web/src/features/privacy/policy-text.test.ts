import { describe, expect, it } from 'vitest';
import { policyBlocks } from './PolicyText';

describe('the privacy policy text', () => {
  it('reads headings, lists and paragraphs, and never HTML', () => {
    const body =
      '# Dados\n\nUsamos seu nome\npara o serviço.\n\n## Direitos\n- acesso\n- correção\n\n<b>texto</b>';
    expect(policyBlocks(body)).toEqual([
      { kind: 'heading', level: 2, text: 'Dados' },
      { kind: 'paragraph', text: 'Usamos seu nome para o serviço.' },
      { kind: 'heading', level: 3, text: 'Direitos' },
      { kind: 'list', items: ['acesso', 'correção'] },
      { kind: 'paragraph', text: '<b>texto</b>' },
    ]);
  });
});
