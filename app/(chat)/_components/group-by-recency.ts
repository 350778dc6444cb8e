const DAY = 24 * 60 * 60 * 1000;

/**
 * Today, Yesterday, Previous 7 days, Previous 30 days, then by month: how chat apps file conversations. The list
 * comes newest first, so each group is a run of neighbours and pages appended later extend the last group.
 */
export function groupByRecency<T extends { lastActiveAt: Date }>(items: T[], now: Date): { label: string; items: T[] }[] {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const month = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
  const groups: { label: string; items: T[] }[] = [];
  for (const item of items) {
    const at = new Date(item.lastActiveAt).getTime();
    const label =
      at >= startOfToday
        ? 'Today'
        : at >= startOfToday - DAY
          ? 'Yesterday'
          : at >= startOfToday - 7 * DAY
            ? 'Previous 7 days'
            : at >= startOfToday - 30 * DAY
              ? 'Previous 30 days'
              : month.format(at);
    const group = groups.at(-1);
    if (group?.label === label) group.items.push(item);
    else groups.push({ label, items: [item] });
  }
  return groups;
}
