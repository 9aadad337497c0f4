import { Group, Text } from '@mantine/core';

/** The product's mark: a workbench. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--mantine-color-cyan-8)" />
      <path d="M14 24h36v6H14zM19 30h6v18h-6zM39 30h6v18h-6z" fill="#fff" />
      <path d="M22 16h8v8h-8zM34 18h10v6H34z" fill="var(--mantine-color-cyan-2)" />
    </svg>
  );
}

export function Brand({ size = 28 }: { size?: number }) {
  return (
    <Group gap={8} wrap="nowrap">
      <BrandMark size={size} />
      <Text fw={800} fz={size * 0.7} lh={1} style={{ letterSpacing: '-0.02em' }}>
        Bancada
      </Text>
    </Group>
  );
}
