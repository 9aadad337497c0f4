import { Anchor, Blockquote, Code, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { faqBlocks, type Inline } from './faq-markdown';

function renderInline(nodes: Inline[], prefix: string): ReactNode[] {
  return nodes.map((node, index) => {
    const key = `${prefix}-${index}`;
    switch (node.kind) {
      case 'text':
        return <span key={key}>{node.text}</span>;
      case 'strong':
        return <strong key={key}>{renderInline(node.children, key)}</strong>;
      case 'em':
        return <em key={key}>{renderInline(node.children, key)}</em>;
      case 'code':
        return <Code key={key}>{node.text}</Code>;
      default:
        // a link: its address was checked (http, https or mailto) when the text was read
        return (
          <Anchor key={key} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {renderInline(node.children, key)}
          </Anchor>
        );
    }
  });
}

/** A FAQ answer or tutorial: markdown read into React elements, never HTML (faq-markdown.ts). */
export function FaqMarkdown({ body }: { body: string }) {
  return (
    <Stack gap="sm">
      {faqBlocks(body).map((block, index) => {
        const key = `${block.kind}-${index}`;
        switch (block.kind) {
          case 'heading':
            return (
              <Title key={key} order={block.level} size={block.level === 2 ? 'h4' : 'h5'} mt="xs">
                {renderInline(block.children, key)}
              </Title>
            );
          case 'list':
            return (
              <List key={key} type={block.ordered ? 'ordered' : 'unordered'} spacing={4}>
                {block.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: items are text in a fixed order
                  <List.Item key={i}>{renderInline(item, `${key}-${i}`)}</List.Item>
                ))}
              </List>
            );
          case 'quote':
            return (
              <Blockquote key={key} p="sm">
                {renderInline(block.children, key)}
              </Blockquote>
            );
          case 'code':
            return (
              <Code key={key} block>
                {block.text}
              </Code>
            );
          default:
            return (
              <Text key={key} style={{ overflowWrap: 'anywhere' }}>
                {renderInline(block.children, key)}
              </Text>
            );
        }
      })}
    </Stack>
  );
}
