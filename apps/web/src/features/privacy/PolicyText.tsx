import { List, Stack, Text, Title } from '@mantine/core';

type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'paragraph'; text: string };

/**
 * The policy's text in blocks: `# ` and `## ` headings, `- ` list items, and paragraphs separated by a
 * blank line. Rendered as plain React elements: nothing the administrator writes becomes HTML.
 */
export function policyBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((line) => line.trim());
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
      if (list.length) blocks.push({ kind: 'list', items: list });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      if (!line) continue;
      const heading = /^(#{1,2})\s+(.*)$/.exec(line);
      if (heading) {
        flush();
        blocks.push({ kind: 'heading', level: heading[1] === '#' ? 2 : 3, text: heading[2] ?? '' });
      } else if (/^[-*]\s+/.test(line)) {
        if (paragraph.length) flush();
        list.push(line.replace(/^[-*]\s+/, ''));
      } else {
        if (list.length) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

export function PolicyText({ body }: { body: string }) {
  return (
    <Stack gap="sm">
      {policyBlocks(body).map((block, index) => {
        const key = `${block.kind}-${index}`;
        if (block.kind === 'heading') {
          return (
            <Title key={key} order={block.level} size={block.level === 2 ? 'h3' : 'h4'} mt="sm">
              {block.text}
            </Title>
          );
        }
        if (block.kind === 'list') {
          return (
            <List key={key} spacing={4}>
              {block.items.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: items are plain text and never reordered
                <List.Item key={i}>{item}</List.Item>
              ))}
            </List>
          );
        }
        return (
          <Text key={key} style={{ whiteSpace: 'pre-wrap' }}>
            {block.text}
          </Text>
        );
      })}
    </Stack>
  );
}
