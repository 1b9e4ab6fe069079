// Self time of a V8 CPU profile (`--cpu-prof`, see docs/performance.md "Where the time goes"),
// summed by where the code lives: a package under node_modules, a workspace package or app, Node
// itself, or V8's own entries (idle, garbage collection). Usage:
//   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [--functions]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code lives, as a short label. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const workspace = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (workspace) return `@lsl/${workspace[2]}`;
  return url.replace(/^file:\/\//, '');
}

export function summarize(profile: Profile, byFunction: boolean): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const time = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    const key = byFunction ? `${place} ${node.callFrame.functionName || '(anonymous)'}` : place;
    time.set(key, (time.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...time.entries()].sort((a, b) => b[1] - a[1]);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, topArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const profile = JSON.parse(readFileSync(file!, 'utf8')) as Profile;
  const rows = summarize(profile, process.argv.includes('--functions'));
  const total = rows.reduce((s, [, t]) => s + t, 0);
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  for (const [key, t] of rows.slice(0, Number(topArg ?? 25))) console.log(`${((100 * t) / total).toFixed(1).padStart(5)} %  ${key}`);
}
