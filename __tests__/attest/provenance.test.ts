import { describe, expect, it } from 'vitest';
import { baseImages } from '../../src/docker/build.js';
import {
  baseMaterial,
  digestSet,
  provenanceStatement,
  type ProvenanceFacts,
} from '../../src/attest/provenance.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

const facts: ProvenanceFacts = {
  images: ['ghcr.io/acme/widget', 'docker.io/acme/widget'],
  digests: [`sha256:${A}`, `sha256:${B}`, `sha256:${A}`],
  repositoryUrl: 'https://github.com/acme/widget',
  ref: 'refs/tags/v1.2.3',
  commit: 'f'.repeat(40),
  workflowPath: '.github/workflows/release.yml',
  builderId: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3',
  invocationId: 'https://github.com/acme/widget/actions/runs/7/attempts/2',
  parameters: { platforms: ['linux/amd64', 'linux/arm64'], file: 'Dockerfile' },
  materials: [
    { uri: 'pkg:docker/golang@1.22', digest: { sha256: C } },
    { uri: 'pkg:docker/golang@1.22', digest: { sha256: C } },
  ],
  startedOn: new Date('2026-12-02T10:00:00Z'),
  finishedOn: new Date('2026-12-02T10:03:00Z'),
};

describe('provenanceStatement', () => {
  const s = provenanceStatement(facts);
  const p = s.predicate as {
    buildDefinition: {
      buildType: string;
      externalParameters: { source: Record<string, string> };
      resolvedDependencies: unknown[];
    };
    runDetails: { builder: { id: string }; metadata: Record<string, string> };
  };

  it('names every repository with every digest once, as in-toto v1 with a SLSA v1 predicate', () => {
    expect(s._type).toBe('https://in-toto.io/Statement/v1');
    expect(s.predicateType).toBe('https://slsa.dev/provenance/v1');
    expect(s.subject).toEqual([
      { name: 'ghcr.io/acme/widget', digest: { sha256: A } },
      { name: 'ghcr.io/acme/widget', digest: { sha256: B } },
      { name: 'docker.io/acme/widget', digest: { sha256: A } },
      { name: 'docker.io/acme/widget', digest: { sha256: B } },
    ]);
  });

  it('records the source at its commit, each base image once, the builder and the run', () => {
    expect(p.buildDefinition.resolvedDependencies).toEqual([
      { uri: 'git+https://github.com/acme/widget@refs/tags/v1.2.3', digest: { gitCommit: 'f'.repeat(40) } },
      { uri: 'pkg:docker/golang@1.22', digest: { sha256: C } },
    ]);
    expect(p.buildDefinition.externalParameters.source).toEqual({
      repository: 'https://github.com/acme/widget',
      ref: 'refs/tags/v1.2.3',
      workflow: '.github/workflows/release.yml',
    });
    expect(p.runDetails.builder.id).toBe(facts.builderId);
    expect(p.runDetails.metadata).toEqual({
      invocationId: facts.invocationId,
      startedOn: '2026-12-02T10:00:00.000Z',
      finishedOn: '2026-12-02T10:03:00.000Z',
    });
  });

  it('refuses to attest nothing, or a digest that is not one', () => {
    expect(() => provenanceStatement({ ...facts, digests: [] })).toThrow(/nothing to attest/);
    expect(() => digestSet('sha256:xyz')).toThrow(/not a digest/);
  });
});

describe('base images', () => {
  it.each([
    [
      `127.0.0.1:5000/fixtures/base:1@sha256:${A}`,
      { uri: 'pkg:docker/127.0.0.1:5000/fixtures/base@1', digest: { sha256: A } },
    ],
    [`golang@sha256:${A}`, { uri: 'pkg:docker/golang', digest: { sha256: A } }],
    ['golang:1.22', undefined],
  ])('%s', (ref, want) => {
    expect(baseMaterial(ref)).toEqual(want);
  });

  it('are read from the plain progress, each once (both platforms resolve the same index)', () => {
    const progress = [
      '#2 [linux/arm64 internal] load metadata for 127.0.0.1:5000/fixtures/base:1',
      `#6 [linux/arm64 stage-1 1/2] FROM 127.0.0.1:5000/fixtures/base:1@sha256:${A}`,
      `#7 [linux/amd64 stage-1 1/2] FROM 127.0.0.1:5000/fixtures/base:1@sha256:${A}`,
      `#8 [linux/amd64 b 1/2] FROM 127.0.0.1:5000/fixtures/golang:1.19@sha256:${B}`,
      `#9 [linux/amd64 b 2/2] RUN echo FROM x@sha256:${C}`,
    ].join('\n');
    expect(baseImages(progress)).toEqual([
      `127.0.0.1:5000/fixtures/base:1@sha256:${A}`,
      `127.0.0.1:5000/fixtures/golang:1.19@sha256:${B}`,
    ]);
  });
});
