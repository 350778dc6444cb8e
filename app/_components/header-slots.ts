/**
 * The site header's two places for a page's controls: before the logo, and after the links (taking the free
 * space). A module of its own: the header (a Server Component) cannot read constants from a client module.
 */
export const HEADER_SLOTS = { start: 'page-header-start', middle: 'page-header-middle' } as const;
