/**
 * The layers of the README's architecture diagram, held by `npm run lint` (and so by .ci/run).
 *
 * Pure modules decide: settings, tags, intent, plan, the Dockerfile's reading, staging names, the result and its
 * summary. They import only each other and effect-free node modules. Effects (processes, files, the network,
 * @actions/*) live in docker/, registry/, steps/, cache/, proof/ and the wiring (main, job, index, post, cli/), and
 * import the pure modules, never the reverse. A type import carries no effect and is allowed; a cycle is not, types
 * included.
 */
const PURE = [
  '^src/(tags|plan|dockerfile|stage|release)/',
  // what a run attests and how, and the statement itself (src/attest/sigstore.ts signs and verifies)
  '^src/attest/(options|spec|provenance)[.]ts$',
  '^src/(inputs|validate|intent|result|summary|labels|lines|logins|platform|json|errors|shell|retry|state|secrets|context)[.]ts$',
  // parsing and checking what a registry or a layout holds, given the bytes
  '^src/registry/(layout|index-json|digest|reference|origin|body|revision)[.]ts$',
  '^src/cache/(mounts|plan)[.]ts$',
  // the proof, given a layer's bytes (src/proof/layout-images.ts reads them)
  '^src/proof/(arch|budget|elf|rootfs|tar)[.]ts$',
];
const EFFECT_BUILTINS =
  '^(node:)?(child_process|fs|fs/promises|http|https|net|tls|dgram|dns|worker_threads)$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Data flows one way; a cycle means two modules each decide part of the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-imports-only-pure',
      comment: 'A pure module imports no effect: no exec wrapper, no registry client, no docker/, no steps/.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^src/', pathNot: PURE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-imports-no-io',
      comment: 'Pure modules take files, processes and the network as arguments instead of importing them.',
      severity: 'error',
      from: { path: PURE },
      to: {
        path: [EFFECT_BUILTINS, '^@actions/', '^node_modules/@actions/'],
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
