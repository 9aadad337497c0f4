import { Fragment, type ReactNode } from 'react';

// WhatsApp's own marks: *bold*, _italic_, ~strikethrough~, each within one line
const MARK = /([*_~])([^*_~\n]+?)\1/g;

/**
 * A message as WhatsApp shows it: the marks become bold, italic or struck text, never HTML; anything
 * else is the text as written.
 */
export function WhatsAppText({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(MARK)) {
    const [whole, mark, inner] = match as unknown as [string, string, string];
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const key = `${at}-${mark}`;
    if (mark === '*') parts.push(<strong key={key}>{inner}</strong>);
    else if (mark === '_') parts.push(<em key={key}>{inner}</em>);
    else parts.push(<s key={key}>{inner}</s>);
    last = at + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <Fragment>{parts}</Fragment>;
}
