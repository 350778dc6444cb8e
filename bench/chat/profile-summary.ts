/**
 * Summarises a V8 .cpuprofile (e.g. from `npm run bench:chat -- --cpu-prof`): self time by package / area and
 * the hottest functions.
 *   tsx bench/chat/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) {
    if (nm[1] === 'next') {
      const inner = /next\/dist\/compiled\/([^/]+)/.exec(url);
      return inner ? `next/compiled/${inner[1]}` : 'next';
    }
    return nm[1]!;
  }
  if (url.startsWith('node:')) return url.split('/')[0]!.replace(/^node:internal.*/, 'node:internal');
  const chunk = /\.next\/server\/(.*)/.exec(url);
  if (chunk) return '.next/server (app code + bundled deps)';
  return url;
}

export function summarise(profile: Profile, top = 25): string {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const total = [...selfUs].reduce((s, [id, x]) => (idle.has(id) ? s : s + x), 0);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (!us || functionName === '(idle)') continue;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|\.next)\//, '$1/')}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1)}%`.padStart(6);
  const lines = [`busy (not idle) time sampled: ${(total / 1e6).toFixed(2)} s`, '', 'self time by area:'];
  for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`${pct(us)}  ${a}`);
  lines.push('', 'hottest functions (self):');
  for (const [f, us] of [...byFunction].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`${pct(us)}  ${f}`);
  return lines.join('\n');
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('profile-summary.ts')) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/chat/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 25)));
}
