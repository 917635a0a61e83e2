/**
 * Nodes of a buildx builder: the `endpoint` lines that make a multi-node remote builder, and which node builds
 * which platform (buildx's rule, build/driver.go in docker/buildx). Pure.
 */
import { normalizePlatform } from '../platform.js';
import { platformProblem } from '../validate.js';

/** One `endpoint` line: `tcp://arm64-node:1234,platforms=linux/arm64,linux/arm/v7`. */
export interface EndpointLine {
  endpoint: string;
  /** pinned with `--platform` on this node; empty: the node's own platforms */
  platforms: string[];
}

export interface BuilderNode {
  name: string;
  endpoint?: string;
  /** what `buildx ls` lists: pinned platforms first, then the ones its workers report */
  platforms: string[];
  /** pinned with `--platform` when known (buildx ls does not tell them apart) */
  pinned?: string[];
}

export const ENDPOINT_SYNTAX = 'write ENDPOINT[,platforms=linux/arm64,...], one node per line';

/** `ENDPOINT[,platforms=P1[,P2...]]`: an address has no comma, so every field after platforms= is a platform. */
export function parseEndpointLine(line: string): EndpointLine | string {
  const [endpoint = '', ...rest] = line.split(',').map((f) => f.trim());
  if (endpoint === '' || endpoint.includes('=')) return `"${line}" does not start with an address`;
  if (rest.length === 0) return { endpoint, platforms: [] };
  const [first = '', ...more] = rest;
  if (!first.startsWith('platforms=')) return `"${line}": unknown "${first.split('=')[0] ?? ''}"`;
  const platforms = [first.slice('platforms='.length), ...more];
  const bad = platforms.find((p) => p === '' || p.includes('=') || platformProblem(normalizePlatform(p)));
  if (bad !== undefined) return `"${line}": "${bad}" is not a platform (os/arch[/variant])`;
  return { endpoint, platforms: [...new Set(platforms.map(normalizePlatform))] };
}

/** The node that builds `platform`, or undefined when no node lists it (buildx then uses the first node). */
function firstListing(nodes: readonly BuilderNode[], platform: string, pick: (n: BuilderNode) => string[]) {
  return nodes.find((n) => pick(n).map(normalizePlatform).includes(platform));
}

/**
 * Which node builds each platform, as buildx resolves it: when every platform is pinned on some node, the first
 * node pinning it; otherwise the first node listing it (pinned or reported by its workers), else the first node.
 */
export function nodesForPlatforms(
  nodes: readonly BuilderNode[],
  platforms: readonly string[],
): { platform: string; node: string }[] {
  const wanted = platforms.map(normalizePlatform);
  const pinnedAll = wanted.every((p) => firstListing(nodes, p, (n) => n.pinned ?? []) !== undefined);
  const pick = pinnedAll ? (n: BuilderNode) => n.pinned ?? [] : (n: BuilderNode) => n.platforms;
  return wanted.map((platform) => ({
    platform,
    node: (firstListing(nodes, platform, pick) ?? nodes[0])?.name ?? '',
  }));
}

/**
 * Pinned platforms per node from `docker buildx inspect NAME` (commands/inspect.go): `buildx ls --format json`
 * does not tell them apart, the text marks them `linux/arm64*` (platformutil.FormatInGroups).
 */
export function parseInspectPinned(text: string): Map<string, string[]> {
  const pinned = new Map<string, string[]>();
  let inNodes = false;
  let node: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('Nodes:')) inNodes = true;
    const m = /^(Name|Platforms):\s*(.*)$/.exec(line.trimEnd());
    if (!inNodes || !m) continue;
    if (m[1] === 'Name') node = m[2];
    else if (node !== undefined)
      pinned.set(
        node,
        (m[2] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p.endsWith('*'))
          .map((p) => p.slice(0, -1)),
      );
  }
  return pinned;
}
