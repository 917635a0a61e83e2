/**
 * The file system an image's layers make, as far as the arch proof and the structure tests need it: which path is a
 * file (and its first bytes, or all of them when asked), a directory or a link, with its mode and owner, after
 * whiteouts (OCI image spec, layer changesets). Lookups follow symlinks the
 * way the kernel would inside the container, so `/bin/sh → busybox` finds busybox.
 */
import { Budget } from './budget.js';
import { cleanPath, entryPath, type TarEntry } from './tar.js';

interface FoundFile {
  /** the path asked for */
  path: string;
  /** the file whose bytes were read, after links */
  target: string;
  head: Buffer;
  /** the file's whole size (head is all of it when as long) */
  size: number;
}

/** What lstat(2) says of a path inside the image. */
export interface PathStat {
  type: TarEntry['type'];
  /** permission bits with setuid, setgid and sticky */
  mode: number;
  uid: number;
  gid: number;
}

export interface RootFs {
  /** a regular file at `path` (absolute), links followed; undefined when there is none */
  file(path: string): FoundFile | undefined;
  /** `path` itself (a last symlink not followed, as lstat); undefined when there is nothing there */
  stat(path: string): PathStat | undefined;
}

/** A directory no layer has an entry for (made as the parent of one): what the runtime creates, 0755 root. */
const IMPLICIT_DIR: PathStat = { type: 'dir', mode: 0o755, uid: 0, gid: 0 };

const MAX_LINKS = 40;

/**
 * One path of the merged tree. Indexed by directory so a whiteout touches only what it removes: `.wh.x` drops a
 * subtree in one step, and an opaque directory walks only its own subtree (#19: a flat map scanned per whiteout
 * took 12 s for 20k whiteouts).
 */
interface Node {
  entry: TarEntry | undefined;
  layer: number;
  /** the layer whose opaque whiteout last cleared this subtree (repeats in that layer have nothing left to do) */
  opaque: number;
  /**
   * The children: the first one inline, a Map from the second. Most nodes are files, and a deep path is a chain of
   * one-child directories; a Map each made such a chain 240 bytes a node (a 1M-node tree: 280 MB).
   */
  name: string | undefined;
  only: Node | undefined;
  kids: Map<string, Node> | undefined;
}

const node = (): Node => ({
  entry: undefined,
  layer: -1,
  opaque: -1,
  name: undefined,
  only: undefined,
  kids: undefined,
});

const childOf = (n: Node, name: string): Node | undefined =>
  n.kids ? n.kids.get(name) : n.name === name ? n.only : undefined;

function adopt(n: Node, name: string, c: Node): void {
  if (n.kids) n.kids.set(name, c);
  else if (!n.only) {
    n.name = name;
    n.only = c;
  } else {
    n.kids = new Map([[n.name as string, n.only]]).set(name, c);
    n.name = n.only = undefined;
  }
}

function disown(n: Node, name: string): void {
  if (n.kids) n.kids.delete(name);
  else if (n.name === name) n.name = n.only = undefined;
}

const childrenOf = (n: Node): Iterable<[string, Node]> =>
  n.kids ?? (n.only ? [[n.name as string, n.only]] : []);

const hasChildren = (n: Node) => (n.kids ? n.kids.size > 0 : n.only !== undefined);

/** Drops the entries of layers below `below` under `top`, and the directories left empty (no recursion: paths may be deep). */
function prune(top: Node, below: number): void {
  const seen: [Node, string, Node][] = [];
  const stack = [top];
  for (let n = stack.pop(); n; n = stack.pop()) {
    for (const [name, c] of childrenOf(n)) {
      if (c.entry && c.layer < below) c.entry = undefined;
      seen.push([n, name, c]);
      stack.push(c);
    }
  }
  // children come after their parents in `seen`: backwards, a directory is emptied before it is looked at
  for (let i = seen.length - 1; i >= 0; i--) {
    const [parent, name, c] = seen[i] as [Node, string, Node];
    if (!c.entry && !hasChildren(c)) disown(parent, name);
  }
}

const segments = (path: string) => (path === '' ? [] : path.split('/'));
const isDir = (n: Node) => !n.entry || n.entry.type === 'dir';

/** `dir/base` as [dir, base] ('' for a name in the root) */
function split(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  return [slash < 0 ? '' : path.slice(0, slash), path.slice(slash + 1)];
}

interface Walked {
  node: Node;
  /** the directories above `node`, root first (after links: the real ones) */
  trail: Node[];
  /** the real path of `node`, by segment */
  names: string[];
}

/**
 * The merged file system. Entries are placed, whiteouts applied and hard link targets found at their parent
 * directory after symlinks already in the tree, as containerd unpacks them (fs.RootPath: scoped to the root, a link
 * out of it clamped there); otherwise `bin -> usr/bin` below and `bin/app` above would leave the proof reading an
 * older /usr/bin/app than the runtime runs (#19). `budget` (the one the image's layers were read with) bounds the
 * nodes made and the segments walked.
 */
export function mergeLayers(layers: readonly TarEntry[][], budget = new Budget()): RootFs {
  const tree = new Tree(budget);
  layers.forEach((entries, layer) => {
    for (const raw of entries) tree.place(raw, layer);
  });
  // lookups are few, each bounded by MAX_LINKS: the budget is the merge's
  tree.counting = false;
  return {
    file(path) {
      const found = tree.walk(cleanPath(path), true, false);
      const hit = found?.node.entry;
      if (!found || hit?.type !== 'file') return undefined;
      return { path, target: `/${found.names.join('/')}`, head: hit.head, size: hit.size };
    },
    stat(path) {
      const found = tree.walk(cleanPath(path), false, false);
      if (!found) return undefined;
      const e = found.node.entry;
      return e ? { type: e.type, mode: e.mode, uid: e.uid, gid: e.gid } : IMPLICIT_DIR;
    },
  };
}

/** The file system being merged, layer by layer (mergeLayers). */
class Tree {
  readonly root = node();
  /** the merge's steps count against the budget; the lookups after it do not */
  counting = true;

  constructor(private readonly budget: Budget) {}

  private make(parent: Node, name: string): Node {
    let c = childOf(parent, name);
    if (c) return c;
    this.budget.node();
    c = node();
    adopt(parent, name, c);
    return c;
  }

  /**
   * Follows `path` (normalised) from the root as the kernel would inside the container: symlinks followed (the last
   * one too when `last`), `..` and absolute targets kept inside the root, at most MAX_LINKS hops. Undefined for a
   * loop, a path through a file (ENOTDIR) or, unless `create` (containerd's mkparent), a missing directory.
   */
  walk(path: string, last: boolean, create: boolean): Walked | undefined {
    const todo = segments(path).reverse();
    const trail: Node[] = [];
    const names: string[] = [];
    let at = this.root;
    let hops = 0;
    for (let seg = todo.pop(); seg !== undefined; seg = todo.pop()) {
      if (this.counting) this.budget.step();
      if (seg === '' || seg === '.') continue;
      if (!isDir(at)) return undefined;
      if (seg === '..') {
        at = trail.pop() ?? this.root;
        names.pop();
        continue;
      }
      const c = childOf(at, seg);
      if (c?.entry?.type === 'symlink' && (last || todo.length > 0)) {
        const link = c.entry.linkname;
        if (++hops > MAX_LINKS || link === '') return undefined;
        if (link.startsWith('/')) {
          at = this.root;
          trail.length = 0;
          names.length = 0;
        }
        const parts = link.split('/');
        for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i] ?? '');
        continue;
      }
      if (!c && !create) return undefined;
      trail.push(at);
      names.push(seg);
      at = c ?? this.make(at, seg);
    }
    return { node: at, trail, names };
  }

  /** One entry of layer `layer`: an opaque whiteout, a whiteout, or a file, directory or link put in place. */
  place(raw: TarEntry, layer: number): void {
    const path = entryPath(raw.path);
    // the root is a directory whatever a layer says; a path out of it is not in the image
    if (path === undefined || path === '') return;
    const [dir, base] = split(path);
    if (base === '.wh..wh..opq') {
      // earlier layers' entries under dir go, this layer's stay
      const d = this.walk(dir, true, true);
      if (!d || d.node.opaque === layer || d.trail.some((a) => a.opaque === layer)) return;
      d.node.opaque = layer;
      prune(d.node, layer);
    } else if (base.startsWith('.wh.')) {
      const name = base.slice(4);
      if (name === '' || name === '.' || name === '..') return;
      const d = this.walk(dir, true, false);
      if (d) disown(d.node, name);
    } else this.put(path === raw.path ? raw : { ...raw, path }, dir, base, layer);
  }

  private put(entry: TarEntry, dir: string, base: string, layer: number): void {
    const parent = this.walk(dir, true, true);
    // a loop, or a path below a file: the runtime cannot unpack it either
    if (!parent || !isDir(parent.node)) return;
    let e = entry;
    if (e.type === 'hardlink') {
      // link(2) when unpacked: the inode its target names now, not what a later layer puts there
      const [tdir, tbase] = split(e.linkname);
      const t = this.walk(tdir, true, false);
      const target = t && childOf(t.node, tbase)?.entry;
      if (!target || target.type === 'dir') return;
      e = { ...target, path: entry.path };
    }
    const n = this.make(parent.node, base);
    n.entry = e;
    n.layer = layer;
    // a file or link in place of a directory replaces it and all below it, as the runtime unpacks it
    if (e.type !== 'dir') n.name = n.only = n.kids = undefined;
  }
}
