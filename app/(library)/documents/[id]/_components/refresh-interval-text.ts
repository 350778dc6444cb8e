// The intervals a writer is offered; null is the server's URL_REFRESH_HOURS, 0 only on request ("Fetch again").
const CHOICES: Array<number | null> = [null, 1, 24, 24 * 7, 0];

/** "every day", "every 12 hours", "never". */
function describeInterval(hours: number): string {
  if (hours === 0) return 'never';
  if (hours === 1) return 'every hour';
  if (hours === 24 * 7) return 'every week';
  if (hours % 24 === 0) return hours === 24 ? 'every day' : `every ${hours / 24} days`;
  return `every ${hours} hours`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The choices, with the page's current interval among them when it was set to another (the REST API takes any). */
export function refreshChoices(current: number | null): Array<number | null> {
  return CHOICES.includes(current) ? CHOICES : [...CHOICES, current];
}

/** "Server default (every day)", "Every week", "Never". */
export function choiceLabel(hours: number | null, defaultHours: number): string {
  return hours === null ? `Server default (${describeInterval(defaultHours)})` : capitalised(describeInterval(hours));
}

/** What a reader is told: "every day (server default)", "never". */
export function intervalText(hours: number | null, defaultHours: number): string {
  return hours === null ? `${describeInterval(defaultHours)} (server default)` : describeInterval(hours);
}
