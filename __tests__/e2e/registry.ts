/** What the registry on 127.0.0.1 actually holds, read over its HTTP API (independent of the action's code). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../scripts/temp.mjs';

export const REGISTRY = '127.0.0.1:5000';

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface Manifest {
  digest: string;
  mediaType: string;
  manifests?: {
    digest: string;
    platform?: { os: string; architecture: string; variant?: string };
    annotations?: Record<string, string>;
  }[];
  config?: { digest: string };
}

export async function manifest(repo: string, ref: string, host = REGISTRY): Promise<Manifest | undefined> {
  const r = await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, { headers: { Accept: ACCEPT } });
  if (r.status === 404) return undefined;
  if (!r.ok) throw new Error(`GET manifest ${repo}:${ref} → ${r.status}`);
  const json = (await r.json()) as Omit<Manifest, 'digest'>;
  return { ...json, digest: r.headers.get('docker-content-digest') ?? '' };
}

export async function tagList(repo: string): Promise<string[]> {
  const r = await fetch(`http://${REGISTRY}/v2/${repo}/tags/list`);
  if (r.status === 404) return [];
  const json = (await r.json()) as { tags: string[] | null };
  return (json.tags ?? []).sort();
}

/** Platforms of an index, attestation manifests excluded. */
export function platformsOf(m: Manifest | undefined): string[] {
  if (!m) throw new Error('no such manifest in the registry');
  return (m.manifests ?? [])
    .filter((x) => x.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
    .map((x) => [x.platform?.os, x.platform?.architecture, x.platform?.variant].filter(Boolean).join('/'))
    .sort();
}

/** A unique repository name per test run, so reruns never see an earlier run's tags. */
export function uniqueRepo(name: string): string {
  return `e2e/${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** A throwaway build context holding the given files. */
export function workspace(files: Record<string, string>): string {
  const dir = tempDir('crossbuild-ws-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function dockerRun(platform: string, ref: string): string {
  return execFileSync('docker', ['run', '--rm', '--pull', 'always', '--platform', platform, ref], {
    encoding: 'utf8',
  }).trim();
}

/** The names docker's image store holds in a repository of the test registry (`HOST/REPO:TAG` each). */
export const dockerNames = (repo: string): string[] =>
  execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith(`${REGISTRY}/${repo}:`));

/**
 * After a docker-driver release dockerd keeps a copy only where a test ran the image: under the repository's one
 * local name, no per-run name (src/steps/staging.ts); otherwise nothing (store=false). Asserted, then removed (a test
 * leaves nothing behind).
 */
export function expectLocalCopy(repo: string, kept: boolean): void {
  const names = dockerNames(repo);
  if (names.length > 0) execFileSync('docker', ['image', 'rm', ...names], { stdio: 'ignore' });
  const want = kept ? `${REGISTRY}/${repo}:crossbuild-push` : '';
  if (names.join(' ') !== want)
    throw new Error(`docker holds ${JSON.stringify(names)} for ${repo}; expected ${want || 'nothing'}`);
}

function buildxPlugin(): string {
  const info = JSON.parse(
    execFileSync('docker', ['info', '--format', '{{json .ClientInfo.Plugins}}'], { encoding: 'utf8' }),
  ) as {
    Name: string;
    Path: string;
  }[];
  const p = info.find((x) => x.Name === 'buildx');
  if (!p) throw new Error('buildx plugin not found');
  return p.Path;
}

/** A docker config dir of its own (with the buildx plugin), so a login is observable and isolated. */
export function isolatedDockerConfig(): string {
  const dir = workspace({});
  mkdirSync(join(dir, 'cli-plugins'));
  symlinkSync(buildxPlugin(), join(dir, 'cli-plugins/docker-buildx'));
  return dir;
}
