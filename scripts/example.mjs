// The built-in example: a tag push of v1.2.3 of the Go program in example/, built by the bundled action for
// linux/amd64, linux/arm64 and linux/s390x with the reference Dockerfile and pushed to the local registry.
// Usage: node scripts/example.mjs [--dry-run]   (scripts/example.sh brings the stack up first)
import { execFileSync } from 'node:child_process';
import { ROOT, runMain, runPost } from './local-runner.mjs';
import { removeTempDirsOnExit } from './temp.mjs';

const dryRun = process.argv.includes('--dry-run');
const REG = process.env.CROSSBUILD_REGISTRY ?? '127.0.0.1:5000';
const image = `${REG}/crossbuild/example`;
const platforms = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
let sha = '0000000000000000000000000000000000000000';
try {
  sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout: the placeholder sha is fine for an example
}
const repository = {
  name: 'crossbuild-example',
  full_name: 'crossbuild/crossbuild-example',
  html_url: 'https://github.com/crossbuild/crossbuild-example',
  default_branch: 'main',
  description: 'Crossbuild example Go component',
  license: { spdx_id: 'MIT' },
};
const spec = {
  echo: true,
  node: process.env.CROSSBUILD_NODE || process.execPath,
  inputs: {
    images: image,
    tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}',
    platforms: platforms.join(','),
    'build-args': `GO_IMAGE=${REG}/fixtures/golang:1.19\nBASE_IMAGE=${REG}/fixtures/base:1`,
    'floating-tags': 'always',
    'dry-run': String(dryRun),
  },
  github: {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_REF_NAME: 'v1.2.3',
    GITHUB_REF_TYPE: 'tag',
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: repository.full_name,
    GITHUB_REPOSITORY_OWNER: 'crossbuild',
  },
  event: {
    ref: 'refs/tags/v1.2.3',
    after: sha,
    repository,
    head_commit: { id: sha, timestamp: '2025-04-30T12:00:00Z' },
  },
};

// the runner's files go at the end, also on failure; the job summary is printed before
removeTempDirsOnExit();
const main = await runMain(spec);
const post = await runPost(spec, main);
console.log('\n--- outputs');
for (const [k, v] of Object.entries(main.outputs)) console.log(`${k}=${v.replace(/\n/g, ' ')}`);
console.log(`\n--- job summary\n${main.summary.trim()}`);
if (main.code !== 0 || post.code !== 0) {
  console.error(`example failed: main exited ${main.code}, post exited ${post.code}`);
  process.exit(1);
}
if (!dryRun) {
  console.log('\n--- docker run of each platform');
  for (const p of platforms) {
    const out = execFileSync(
      'docker',
      ['run', '--rm', '--pull', 'always', '--platform', p, `${image}:1.2.3`],
      {
        encoding: 'utf8',
      },
    );
    console.log(`${p}: ${out.trim()}`);
  }
}
