/**
 * The markdown of FAQ answers and tutorials, read into plain data that FaqMarkdown turns into React
 * elements, as the privacy policy's text is (PolicyText): nothing the author writes ever becomes HTML.
 * A small, predictable subset: headings, paragraphs, lists (bulleted and numbered), quotes, code
 * blocks; inside text **bold**, *italic*, `code` and [links](https://…). A link whose address is not
 * http, https or mailto stays plain text.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: 2 | 3 | 4; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'code'; text: string };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The address as the browser would read it, when it is http, https or mailto; null otherwise. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    // relative or malformed: not a link
    return null;
  }
}

type Rule = { pattern: RegExp; build: (match: RegExpExecArray, depth: number) => Inline };

// earliest match wins; at the same place, the order below (code first: nothing inside it is markup)
const RULES: Rule[] = [
  { pattern: /`([^`\n]+)`/, build: (m) => ({ kind: 'code', text: m[1] ?? '' }) },
  {
    pattern: /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/,
    build: (m, depth) => {
      const href = safeHref(m[2] ?? '');
      const label = m[1] ?? '';
      return href
        ? { kind: 'link', href, children: parseInline(label, depth + 1) }
        : { kind: 'text', text: label };
    },
  },
  {
    pattern: /\*\*(\S(?:[^\n]*?\S)?)\*\*/,
    build: (m, depth) => ({ kind: 'strong', children: parseInline(m[1] ?? '', depth + 1) }),
  },
  {
    pattern: /\*(\S(?:[^*\n]*?\S)?)\*|(?<![\p{L}\p{N}])_(\S(?:[^_\n]*?\S)?)_(?![\p{L}\p{N}])/u,
    build: (m, depth) => ({ kind: 'em', children: parseInline(m[1] ?? m[2] ?? '', depth + 1) }),
  },
];

const MAX_DEPTH = 4;

function pushText(out: Inline[], text: string) {
  if (!text) return;
  const last = out.at(-1);
  if (last?.kind === 'text') last.text += text;
  else out.push({ kind: 'text', text });
}

/** Text with its inline marks; what is not a mark stays text, character for character. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  if (depth > MAX_DEPTH) {
    pushText(out, text);
    return out;
  }
  let rest = text;
  while (rest) {
    let best: { match: RegExpExecArray; rule: Rule } | null = null;
    for (const rule of RULES) {
      const match = rule.pattern.exec(rest);
      if (match && (!best || match.index < best.match.index)) best = { match, rule };
    }
    if (!best) {
      pushText(out, rest);
      break;
    }
    pushText(out, rest.slice(0, best.match.index));
    const node = best.rule.build(best.match, depth);
    if (node.kind === 'text') pushText(out, node.text);
    else out.push(node);
    rest = rest.slice(best.match.index + best.match[0].length);
  }
  return out;
}

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^[-*+]\s+(.*)$/;
const NUMBERED = /^\d{1,3}[.)]\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;
const FENCE = /^```/;

/** The article's blocks, in order. */
export function faqBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  let quote: string[] = [];

  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join(' ')) });
    if (list)
      blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map((i) => parseInline(i)) });
    if (quote.length) blocks.push({ kind: 'quote', children: parseInline(quote.join(' ')) });
    paragraph = [];
    list = null;
    quote = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test((lines[i] ?? '').trim()); i++) code.push(lines[i] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (!line) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    const quoted = QUOTE.exec(line);
    if (heading) {
      flush();
      const level = (heading[1]?.length ?? 1) + 1;
      blocks.push({ kind: 'heading', level: level as 2 | 3 | 4, children: parseInline(heading[2] ?? '') });
    } else if (bullet || numbered) {
      const ordered = Boolean(numbered);
      if (!list || list.ordered !== ordered) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet?.[1] ?? numbered?.[1] ?? '').trim());
    } else if (quoted) {
      if (!quote.length) flush();
      quote.push((quoted[1] ?? '').trim());
    } else if (list && /^\s{2,}/.test(raw) && list.items.length) {
      // an indented line continues the list item above it
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      if (list || quote.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** The article's text without marks (a search preview, a card's excerpt). */
export function plainText(markdown: string): string {
  const text = (nodes: Inline[]): string =>
    nodes.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : text(n.children))).join('');
  return faqBlocks(markdown)
    .map((b) => {
      if (b.kind === 'code') return b.text;
      if (b.kind === 'list') return b.items.map(text).join(' ');
      return text(b.children);
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
