/**
 * The provenance of a release as an in-toto statement (v1) with a SLSA provenance v1 predicate: what was built
 * (every image repository, the index and each platform's manifest by digest), from what (the commit, the base images
 * by digest), how (the inputs that shaped the build) and by whom (the workflow at its ref, this run). Pure: the step
 * signs and pushes what this returns. https://slsa.dev/spec/v1.0/provenance, https://in-toto.io/Statement/v1
 */

const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
/** What a Crossbuild release's externalParameters mean (documented in the README's provenance section). */
const BUILD_TYPE = 'https://github.com/crossbuild/crossbuild/buildtypes/release/v1';

interface Subject {
  name: string;
  digest: Record<string, string>;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

/** A resolved dependency as SLSA writes it: a URI and its digests. */
export interface Material {
  uri: string;
  digest: Record<string, string>;
}

export interface ProvenanceFacts {
  /** image repositories, `registry/path` */
  images: readonly string[];
  /** the index's digest, then each platform manifest's (`sha256:…`) */
  digests: readonly string[];
  /** https://github.com/owner/repo (or the CI's project URL) */
  repositoryUrl: string;
  /** refs/tags/v1.2.3 */
  ref: string;
  commit: string;
  /** .github/workflows/release.yml (empty outside GitHub) */
  workflowPath: string;
  /** who ran it: the workflow at its ref (`https://github.com/o/r/.github/workflows/x.yml@refs/tags/v1`), or the CI */
  builderId: string;
  /** the run's URL (with its attempt) */
  invocationId: string;
  /** the settings that shaped the build (platforms, file, target, build-args names…): no secret ever */
  parameters: Record<string, unknown>;
  /** base images by digest (from BuildKit's build metadata), beside the commit */
  materials: readonly Material[];
  startedOn: Date;
  finishedOn: Date;
}

/** `sha256:abc` → `{ sha256: 'abc' }`; anything else is not a digest a statement may name. */
export function digestSet(digest: string): Record<string, string> {
  const m = /^(sha256|sha512):([0-9a-f]{64}|[0-9a-f]{128})$/.exec(digest);
  if (!m) throw new Error(`not a digest: ${digest}`);
  return { [m[1] as string]: m[2] as string };
}

/** Every image repository with every digest: a verifier holding any of them finds its subject. */
function subjectsOf(f: ProvenanceFacts): Subject[] {
  const digests = [...new Set(f.digests)];
  return f.images.flatMap((name) => digests.map((d) => ({ name, digest: digestSet(d) })));
}

/** The source as SLSA names a git dependency: `git+URL@REF` with its commit. */
function sourceOf(f: ProvenanceFacts): Material {
  return { uri: `git+${f.repositoryUrl}@${f.ref}`, digest: { gitCommit: f.commit } };
}

export function provenanceStatement(f: ProvenanceFacts): Statement {
  if (f.images.length === 0 || f.digests.length === 0) throw new Error('provenance: nothing to attest');
  const source = sourceOf(f);
  const seen = new Set<string>([source.uri]);
  const materials = f.materials.filter((m) => !seen.has(m.uri) && (seen.add(m.uri), true));
  return {
    _type: STATEMENT_TYPE,
    subject: subjectsOf(f),
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: BUILD_TYPE,
        externalParameters: {
          source: {
            repository: f.repositoryUrl,
            ref: f.ref,
            ...(f.workflowPath ? { workflow: f.workflowPath } : {}),
          },
          build: f.parameters,
        },
        resolvedDependencies: [source, ...materials],
      },
      runDetails: {
        builder: { id: f.builderId },
        metadata: {
          invocationId: f.invocationId,
          startedOn: f.startedOn.toISOString(),
          finishedOn: f.finishedOn.toISOString(),
        },
      },
    },
  };
}

/** A base image as BuildKit resolved it (`NAME[:TAG]@sha256:…`) as a package URL with its digest. */
export function baseMaterial(ref: string): Material | undefined {
  const m = /^([^@\s]+)@sha256:([0-9a-f]{64})$/.exec(ref);
  if (!m) return undefined;
  const name = m[1] as string;
  const colon = name.lastIndexOf(':');
  const tagged = colon > name.lastIndexOf('/');
  const purl = tagged ? `${name.slice(0, colon)}@${name.slice(colon + 1)}` : name;
  return { uri: `pkg:docker/${purl}`, digest: { sha256: m[2] as string } };
}
