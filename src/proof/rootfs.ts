/**
 * The file system an image's layers make, as far as the arch proof needs it: which path is a file (and its first
 * bytes), a directory or a link, after whiteouts (OCI image spec, layer changesets). Lookups follow symlinks the
 * way the kernel would inside the container, so `/bin/sh → busybox` finds busybox.
 */
import { posix } from 'node:path';
import { cleanPath, entryPath, type TarEntry } from './tar.js';

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

/**
 * One path of the merged tree. Indexed by directory so a whiteout touches only what it removes: `.wh.x` drops a
 * subtree in one step, and an opaque directory walks only its own subtree (#19: a flat map scanned per whiteout
 * took 12 s for 20k whiteouts).
 */
interface Node {
  entry?: TarEntry;
  layer: number;
  children: Map<string, Node>;
  /** the layer whose opaque whiteout last cleared this subtree (repeats in that layer have nothing left to do) */
  opaque: number;
}

const node = (): Node => ({ layer: -1, children: new Map(), opaque: -1 });

/** Drops the entries of layers below `below` under `top`, and the directories left empty (no recursion: paths may be deep). */
function prune(top: Node, below: number): void {
  const seen: [Node, string, Node][] = [];
  const stack = [top];
  for (let n = stack.pop(); n; n = stack.pop()) {
    for (const [name, c] of n.children) {
      if (c.entry && c.layer < below) c.entry = undefined;
      seen.push([n, name, c]);
      stack.push(c);
    }
  }
  // children come after their parents in `seen`: backwards, a directory is emptied before it is looked at
  for (let i = seen.length - 1; i >= 0; i--) {
    const [parent, name, c] = seen[i] as [Node, string, Node];
    if (!c.entry && c.children.size === 0) parent.children.delete(name);
  }
}

const segments = (path: string) => (path === '' ? [] : path.split('/'));

export function mergeLayers(layers: readonly TarEntry[][]): RootFs {
  const root = node();
  const find = (path: string): Node | undefined => {
    let n: Node | undefined = root;
    for (const p of segments(path)) n = n?.children.get(p);
    return n;
  };
  /** the node at `path`, with every directory above it; `trail` collects them, root first */
  const make = (path: string, trail?: Node[]): Node => {
    let n = root;
    for (const p of segments(path)) {
      trail?.push(n);
      let c = n.children.get(p);
      if (!c) n.children.set(p, (c = node()));
      n = c;
    }
    return n;
  };
  layers.forEach((entries, layer) => {
    for (const raw of entries) {
      const path = entryPath(raw.path);
      // the root is a directory whatever a layer says; a path out of it is not in the image
      if (path === undefined || path === '') continue;
      const e = path === raw.path ? raw : { ...raw, path };
      const slash = path.lastIndexOf('/');
      const base = path.slice(slash + 1);
      const dir = slash < 0 ? '' : path.slice(0, slash);
      if (base === '.wh..wh..opq') {
        // earlier layers' entries under dir go, this layer's stay
        const trail: Node[] = [];
        const d = make(dir, trail);
        if ([...trail, d].some((a) => a.opaque === layer)) continue;
        d.opaque = layer;
        prune(d, layer);
      } else if (base.startsWith('.wh.')) {
        const name = base.slice(4);
        if (name === '' || name === '.' || name === '..') continue;
        find(dir)?.children.delete(name);
      } else {
        const n = make(path);
        n.entry = e;
        n.layer = layer;
        // a file or link in place of a directory replaces it and all below it, as the runtime unpacks it
        if (e.type !== 'dir') n.children.clear();
      }
    }
  });
  const get = (path: string) => find(path)?.entry;
  /** the path after symlinks and the node there; walks the tree once per link (paths may be long and hostile) */
  const resolve = (path: string, hops: number): { real: string; at: Node | undefined } | undefined => {
    const parts = segments(cleanPath(path));
    let at: Node | undefined = root;
    for (let i = 0; i < parts.length; i++) {
      const c: Node | undefined = at?.children.get(parts[i] ?? '');
      if (c?.entry?.type === 'symlink') {
        if (hops >= MAX_LINKS) return undefined;
        const rest = parts.slice(i + 1).join('/');
        const link = c.entry.linkname;
        const target = link.startsWith('/') ? link : posix.join('/', parts.slice(0, i).join('/'), link);
        return resolve(rest ? `${target}/${rest}` : target, hops + 1);
      }
      // nothing is below a file (ENOTDIR)
      if (i < parts.length - 1 && c?.entry && c.entry.type !== 'dir') return undefined;
      at = c;
    }
    return { real: parts.join('/'), at };
  };
  return {
    file(path) {
      const found = resolve(path, 0);
      let hit = found?.at?.entry;
      if (hit?.type === 'hardlink') hit = get(cleanPath(hit.linkname));
      if (!found || !hit || hit.type !== 'file') return undefined;
      return { path, target: `/${found.real}`, head: hit.head };
    },
  };
}
