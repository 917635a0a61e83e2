/**
 * `crossbuild test IMAGE@DIGEST --test CMD…`: the release's `test` step on an image already in a registry (#23).
 * The index is read by the registry client (hashed), each platform's image is run as the action runs it, and the
 * results are printed (text, or JSON with --json). Exit 4 when a test fails.
 */
import { readSettings } from '../inputs.js';
import { readStructureFiles } from '../main.js';
import { parseStructureTests } from '../plan/structure.js';
import { normalizePlatform } from '../platform.js';
import { TestsFailed, type TestResult } from '../plan/tests.js';
import { chainSources, dockerConfigSource } from '../registry/auth.js';
import { RegistryClient } from '../registry/client.js';
import { platformConfigs, platformImages } from '../registry/layout.js';
import { treeFiles } from '../proof/layout-images.js';
import { blobSource } from '../registry/blob.js';
import { readManifest } from '../registry/push.js';
import { readPushedTree } from '../registry/pushed.js';
import { parseRepository, repositoryName, splitReference } from '../registry/reference.js';
import { policyOf } from '../retry.js';
import { runTests } from '../steps/test.js';
import { UsageError, type CliArgs } from './args.js';
import { CliIO } from './io.js';
import type { Runner } from '../exec.js';

/** `IMAGE@sha256:…` or `IMAGE:TAG` → the image and the reference to read. */
function imageRef(text: string): { image: string; ref: string } {
  const r = splitReference(text);
  if (r.ref === '')
    throw new UsageError(`test: "${text}" names no tag or digest; write IMAGE@sha256:DIGEST or IMAGE:TAG`);
  return r;
}

const line = (r: TestResult) =>
  `${r.ok ? '✅' : '❌'} ${r.platform}  ${r.test}  ${(r.ms / 1000).toFixed(2)} s${r.exit ? `  ${r.exit}` : ''}` +
  r.output.map((o) => `\n     ${o}`).join('');

/** What the command needs of the command line's deps (src/cli/main.ts CliDeps has them). */
interface TestDeps {
  env: NodeJS.ProcessEnv;
  cwd: string;
  runner: Runner;
  stderr: (line: string) => void;
  fetch?: typeof fetch;
}

export interface Tested {
  results: TestResult[];
  digest: string;
  /** set when a test failed */
  failed?: TestsFailed;
}

export async function testImage(args: CliArgs, d: TestDeps): Promise<Tested> {
  const [target, ...more] = args.files;
  if (target === undefined || more.length > 0)
    throw new UsageError('test: name one image, IMAGE@sha256:DIGEST or IMAGE:TAG');
  const s = readSettings((n) => args.inputs[n] ?? '');
  if (s.test.length === 0 && s['structure-tests'].length === 0)
    throw new UsageError(
      'test: give the commands with --test (once per command) or files with --structure-tests',
    );
  const structure = await parseStructureTests(readStructureFiles(d.cwd, s['structure-tests']));
  const { image, ref } = imageRef(target);
  const repo = parseRepository(image);
  const io = new CliIO(args.inputs, d.env, d.stderr);
  const policy = policyOf(s['retry-attempts'], s['retry-wait'], (m) => {
    io.info(m);
  });
  const client = new RegistryClient({
    credentials: chainSources([], dockerConfigSource(d.runner, d.env)),
    policy,
    step: 'test',
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  const found = await readManifest(client, repo, ref);
  if (!found) throw new UsageError(`test: ${repositoryName(repo)}@${ref} is not in the registry`);
  const tree = await readPushedTree(client, repo, found.digest);
  const asked = args.inputs.platforms === undefined ? undefined : new Set(s.platforms.map(normalizePlatform));
  const images = platformImages(tree).filter((m) => !asked || asked.has(m.platform));
  const platforms = images.map((m) => m.platform);
  const pinned = `${image}@${found.digest}`;
  // an image the engine holds already is the user's: run it, never remove it
  const local =
    (await d.runner.run('docker', ['image', 'inspect', '--format', '{{.Id}}', pinned])).code === 0;
  const deps = { runner: d.runner, log: io, policy, state: { save: () => undefined }, tempDir: '/tmp' };
  const spec = {
    ref: pinned,
    platforms,
    tests: s.test,
    structure,
    configs: platformConfigs(images),
    files: treeFiles(tree, blobSource(client, repo)),
    version: '',
    network: s['test-network'],
    timeoutS: s['test-timeout'],
    local,
  };
  try {
    return { results: await runTests(deps, spec), digest: found.digest };
  } catch (err) {
    if (!(err instanceof TestsFailed)) throw err;
    return { results: [...err.results], digest: found.digest, failed: err };
  }
}

/** The results as the command prints them. */
export function testReport(results: readonly TestResult[], json: boolean, digest: string): string {
  if (json) return JSON.stringify({ ok: results.every((r) => r.ok), digest, tests: results }, null, 2);
  return results.map(line).join('\n');
}
