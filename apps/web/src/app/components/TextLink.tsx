import { Anchor, type AnchorProps } from '@mantine/core';
import type { MouseEventHandler, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';

interface TextLinkProps extends AnchorProps, Pick<LinkProps, 'to'> {
  children: ReactNode;
  onClick?: MouseEventHandler<HTMLAnchorElement>;
  title?: string;
  'aria-label'?: string;
}

/**
 * The one look of a link to a record (a name in a list, an order number): the theme's link colour.
 * `<Text component={Link}>` left the browser's default blue (issue 10).
 */
export function TextLink({ to, children, ...props }: TextLinkProps) {
  return (
    <Anchor component={Link} to={to} {...props}>
      {children}
    </Anchor>
  );
}
