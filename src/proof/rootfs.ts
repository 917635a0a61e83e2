/**
 * The file system an image's layers make, as far as the arch proof needs it: which path is a file (and its first
 * bytes), a directory or a link, after whiteouts (OCI image spec, layer changesets). Lookups follow symlinks the
 * way the kernel would inside the container, so `/bin/sh → busybox` finds busybox.
 */
import { posix } from 'node:path';
import { cleanPath, type TarEntry } from './tar.js';

export interface FoundFile {
  /** the path asked for */
  path: string;
  /** the file whose bytes were read, after links */
  target: string;
  head: Buffer;
}

export interface RootFs {
  /** a regular file at `path` (absolute), links followed; undefined when there is none */
  file(path: string): FoundFile | undefined;
}

const MAX_LINKS = 40;

export function mergeLayers(layers: readonly TarEntry[][]): RootFs {
  const fs = new Map<string, { e: TarEntry; layer: number }>();
  const removeUnder = (dir: string, below: number) => {
    for (const [p, v] of fs) if ((dir === '' || p.startsWith(`${dir}/`)) && v.layer < below) fs.delete(p);
  };
  layers.forEach((entries, layer) => {
    for (const e of entries) {
      const base = posix.basename(e.path);
      const dir = posix.dirname(e.path) === '.' ? '' : posix.dirname(e.path);
      if (base === '.wh..wh..opq') removeUnder(dir, layer);
      else if (base.startsWith('.wh.')) {
        const gone = dir ? `${dir}/${base.slice(4)}` : base.slice(4);
        fs.delete(gone);
        removeUnder(gone, layer + 1);
      } else fs.set(e.path, { e, layer });
    }
  });
  const resolve = (path: string, hops: number): string | undefined => {
    const parts = cleanPath(posix.normalize(`/${path}`))
      .split('/')
      .filter((p) => p !== '');
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      const next = cur ? `${cur}/${parts[i] ?? ''}` : (parts[i] ?? '');
      const hit = fs.get(next)?.e;
      if (hit?.type === 'symlink') {
        if (hops >= MAX_LINKS) return undefined;
        const rest = parts.slice(i + 1).join('/');
        const target = hit.linkname.startsWith('/') ? hit.linkname : posix.join('/', cur, hit.linkname);
        return resolve(rest ? `${target}/${rest}` : target, hops + 1);
      }
      cur = next;
    }
    return cur;
  };
  return {
    file(path) {
      const real = resolve(path, 0);
      let hit = real === undefined ? undefined : fs.get(real)?.e;
      if (hit?.type === 'hardlink') hit = fs.get(cleanPath(hit.linkname))?.e;
      if (!hit || hit.type !== 'file' || real === undefined) return undefined;
      return { path, target: `/${real}`, head: hit.head };
    },
  };
}
