import { describe, expect, it } from 'vitest';
import { type Block, faqBlocks, type Inline, parseInline, plainText, safeHref } from './faq-markdown';

/** Every link address anywhere in the blocks. */
function hrefs(blocks: Block[]): string[] {
  const walk = (nodes: Inline[]): string[] =>
    nodes.flatMap((n) =>
      n.kind === 'link' ? [n.href, ...walk(n.children)] : 'children' in n ? walk(n.children) : [],
    );
  return blocks.flatMap((b) => {
    if (b.kind === 'code') return [];
    if (b.kind === 'list') return b.items.flatMap(walk);
    return walk(b.children);
  });
}

describe('FAQ markdown', () => {
  it('reads headings, paragraphs, lists, quotes and code blocks', () => {
    const body = [
      '# Troca de óleo',
      'Faça a cada',
      '10.000 km.',
      '',
      '## Passos',
      '1. Abra o capô',
      '2. Retire a vareta',
      '',
      '- filtro',
      '- óleo',
      '',
      '> Dica: use luvas.',
      '```',
      '<b>não é HTML</b>',
      '```',
    ].join('\n');
    expect(faqBlocks(body)).toEqual([
      { kind: 'heading', level: 2, children: [{ kind: 'text', text: 'Troca de óleo' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Faça a cada 10.000 km.' }] },
      { kind: 'heading', level: 3, children: [{ kind: 'text', text: 'Passos' }] },
      {
        kind: 'list',
        ordered: true,
        items: [[{ kind: 'text', text: 'Abra o capô' }], [{ kind: 'text', text: 'Retire a vareta' }]],
      },
      {
        kind: 'list',
        ordered: false,
        items: [[{ kind: 'text', text: 'filtro' }], [{ kind: 'text', text: 'óleo' }]],
      },
      { kind: 'quote', children: [{ kind: 'text', text: 'Dica: use luvas.' }] },
      { kind: 'code', text: '<b>não é HTML</b>' },
    ]);
  });

  it('reads bold, italic, code and links inside text', () => {
    expect(parseInline('Use **óleo _sintético_** e `5W30`, veja [o manual](https://exemplo.com/m).')).toEqual(
      [
        { kind: 'text', text: 'Use ' },
        {
          kind: 'strong',
          children: [
            { kind: 'text', text: 'óleo ' },
            { kind: 'em', children: [{ kind: 'text', text: 'sintético' }] },
          ],
        },
        { kind: 'text', text: ' e ' },
        { kind: 'code', text: '5W30' },
        { kind: 'text', text: ', veja ' },
        { kind: 'link', href: 'https://exemplo.com/m', children: [{ kind: 'text', text: 'o manual' }] },
        { kind: 'text', text: '.' },
      ],
    );
    // a snake_case word is not italic
    expect(parseInline('o campo nome_do_cliente')).toEqual([
      { kind: 'text', text: 'o campo nome_do_cliente' },
    ]);
  });

  it('keeps a script tag as text: nothing becomes HTML', () => {
    const blocks = faqBlocks('Oi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(blocks).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Oi <script>alert(1)</script>' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }] },
    ]);
    expect(plainText('**Oi** <script>x</script>')).toBe('Oi <script>x</script>');
  });

  it('links only to http, https and mailto; any other address stays plain text', () => {
    const body = [
      '[a](javascript:alert(1))',
      '[b](JaVaScRiPt:alert(1))',
      '[c](data:text/html;base64,PHNjcmlwdD4=)',
      '[d](vbscript:msgbox)',
      '[e](/relativo)',
      '[f](https://oficina.com.br/agenda)',
      '[g](mailto:contato@oficina.com.br)',
      '[h](http://exemplo.com)',
    ].join('\n\n');
    const blocks = faqBlocks(body);
    expect(hrefs(blocks)).toEqual([
      'https://oficina.com.br/agenda',
      'mailto:contato@oficina.com.br',
      'http://exemplo.com/',
    ]);
    expect(blocks[0]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'a' }] });
  });

  it.each([
    ['java\tscript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['https://exemplo.com', 'https://exemplo.com/'],
    ['ftp://exemplo.com', null],
    ['exemplo.com', null],
  ])('safeHref(%j) is %j', (raw, expected) => {
    expect(safeHref(raw)).toBe(expected);
  });

  it('keeps deep nesting bounded', () => {
    const deep = `${'**'.repeat(40)}x${'**'.repeat(40)}`;
    expect(() => parseInline(deep)).not.toThrow();
  });
});
