/**
 * Puts a top-layer popover under the button that opens it, right edges aligned; absolute, so it scrolls with
 * the page. For header popovers, which open in the top layer above the chat's fixed panels.
 */
export function placeUnder(button: HTMLElement | null, popover: HTMLElement | null) {
  if (!button || !popover) return;
  const box = button.getBoundingClientRect();
  popover.style.top = `${box.bottom + window.scrollY + 6}px`;
  popover.style.right = `${Math.max(8, document.documentElement.clientWidth - box.right)}px`;
}
