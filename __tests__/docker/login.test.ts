import { describe, expect, test } from 'vitest';
import { login, logout } from '../../src/docker/login.js';
import { loginArgs, parseLogins, resolveLogins, type Login } from '../../src/logins.js';
import { FakeRunner, fail, instantRetry } from '../fixtures/runner.js';

const SECRET = 'ghp_s3cr3tT0ken';

describe('parseLogins', () => {
  test.each([
    ['', []],
    [
      'ghcr.io octo ghp_a\n# comment\n\nquay.io robot+ci qpass\n',
      [
        { registry: 'ghcr.io', username: 'octo', password: 'ghp_a' },
        { registry: 'quay.io', username: 'robot+ci', password: 'qpass' },
      ],
    ],
    [
      '- registry: ghcr.io\n  username: octo\n  password: "ghp_a b"\n- registry: docker.io\n  username: me\n  password: \'x:y\'\n',
      [
        { registry: 'ghcr.io', username: 'octo', password: 'ghp_a b' },
        { registry: 'docker.io', username: 'me', password: 'x:y' },
      ],
    ],
    ['-\n  username: me\n  password: p\n', [{ registry: '', username: 'me', password: 'p' }]],
    // what a hand-written reader got wrong: flow style, comments, escapes, a number as a value
    [
      '[{registry: ghcr.io, username: octo, password: "a\\tb"}]',
      [{ registry: 'ghcr.io', username: 'octo', password: 'a\tb' }],
    ],
    [
      '- registry: quay.io # the mirror\n  username: robot\n  password: 12345\n',
      [{ registry: 'quay.io', username: 'robot', password: '12345' }],
    ],
    // a fork's pull request: the secret is empty; resolveLogins skips it with a notice
    [
      '- registry: ghcr.io\n  username: octo\n  password:\n',
      [{ registry: 'ghcr.io', username: 'octo', password: '' }],
    ],
  ])('%j', async (text, want) => {
    expect(await parseLogins(text)).toEqual(want);
  });

  test.each([
    ['ghcr.io octo', /^logins: line 1 has 2 fields; write "registry username password"/],
    [
      '- registry: ghcr.io\n  user: octo\n  password: p',
      /^logins: item 1 \(line 2\): unknown key; each item/,
    ],
    [
      '- registry: a\n  username: u\n- {registry: b, username: v, x}',
      /^logins: item 2 \(line 3\): unknown key;/,
    ],
    ['{registry: ghcr.io, username: me}', /^logins: write a YAML list/],
    ['- registry: ghcr.io\n  password: p', /^logins: item 1 \(line 1\) needs a username/],
    [
      '- registry: ghcr.io\n  username: octo\n- registry: quay.io\n    username: [x\n',
      /^logins: not valid YAML at line 3 \(block/,
    ],
    [
      '- registry: a\n  username: u\n  password: "unclosed\n',
      /^logins: not valid YAML at line 4 \(missing char\)/,
    ],
  ])('%j → %s', async (text, message) => {
    await expect(parseLogins(text)).rejects.toThrow(message);
  });

  test.each([
    `- registry: ghcr.io\n  username: octo\n  password: ${SECRET}\n  token ${SECRET}`,
    `- registry: ghcr.io\n  username: octo\n  token ${SECRET}: x`,
    // #19: a password pasted without its key becomes a key
    `- {registry: ghcr.io, username: me, ${SECRET}}`,
    `[{registry: ghcr.io, username: me, ${SECRET}}]`,
    `{registry: ghcr.io, username: me, ${SECRET}}`,
    `- registry: ghcr.io\n  username: me\n  ${SECRET}`,
    `- registry: ghcr.io\n  username: me\n  ${SECRET}: \n`,
    `- registry: ghcr.io\n  username: me\n  password: [${SECRET}]\n`,
    `- registry: ghcr.io\n  username: me\n  password: "${SECRET}\n`,
  ])('an error message never quotes a password: %#', async (bad) => {
    const err = await parseLogins(bad).then(
      () => 'no error',
      (e: unknown) => String(e),
    );
    expect(err).toMatch(/logins: /);
    expect(err).not.toContain(SECRET);
  });
});

test("the issue's input: {registry: ghcr.io, username: me, Hunter2Secret} fails by line and kind only", async () => {
  for (const text of [
    '- {registry: ghcr.io, username: me, Hunter2Secret}',
    '[{registry: ghcr.io, username: me, Hunter2Secret}]',
  ]) {
    const err = await parseLogins(text).then(
      () => 'no error',
      (e: unknown) => String(e),
    );
    expect(err).toBe(
      'InputError: logins: item 1 (line 1): unknown key; each item takes registry, username, password',
    );
    expect(err).not.toContain('Hunter2Secret');
  }
});

describe('resolveLogins', () => {
  const none = { registry: '', username: '', password: '', logins: '' };
  test.each([
    { name: 'nothing to log in to', inputs: none, fork: false, logins: 0, notices: [] as string[] },
    {
      name: 'registry/username/password plus a logins line',
      inputs: { registry: 'ghcr.io', username: 'octo', password: 'p', logins: 'quay.io r q' },
      fork: false,
      logins: 2,
      notices: [],
    },
    {
      name: 'fork pull request: empty secret → skipped with a notice',
      inputs: { registry: 'ghcr.io', username: 'octo', password: '', logins: '' },
      fork: true,
      logins: 0,
      notices: ['login to ghcr.io skipped: no credentials on a pull request from a fork'],
    },
  ])('$name', async ({ inputs, fork, logins, notices }) => {
    const got = resolveLogins(inputs, await parseLogins(inputs.logins), fork);
    expect(got.logins).toHaveLength(logins);
    expect(got.notices).toEqual(notices);
  });

  test.each([
    ['registry', { registry: '--config=/tmp/x', username: 'octo', password: 'p' }, []],
    [
      'logins',
      { registry: '', username: '', password: '' },
      [{ registry: '-h', username: 'u', password: 'p' }],
    ],
    [
      'logins',
      { registry: '', username: '', password: '' },
      [{ registry: 's3cret pw', username: 'u', password: 'p' }],
    ],
  ])(
    'a registry that is not a host (it would be a docker login flag): %s refused, never quoted',
    (input, inputs, parsed) => {
      let message = '';
      try {
        resolveLogins(inputs, parsed, false);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      expect(message).toBe(
        `${input}: a registry is not a host name (letters, digits, and . : - _ / [ ]); write e.g. ghcr.io`,
      );
    },
  );

  test.each([
    'ghcr.io',
    '127.0.0.1:5000',
    'https://index.docker.io/v1/',
    '[::1]:5000',
    'registry.gitlab.com/group',
  ])('a host is accepted: %s', (registry) => {
    expect(resolveLogins({ registry, username: 'u', password: 'p' }, [], false).logins).toHaveLength(1);
  });

  test('outside a fork, a missing password is an InputError naming it', () => {
    expect(() => resolveLogins({ registry: 'ghcr.io', username: 'octo', password: '' }, [], false)).toThrow(
      /^password: login to ghcr.io needs a password/,
    );
  });
});

describe('login', () => {
  const l: Login = { registry: 'ghcr.io', username: 'octo', password: SECRET };

  test('the password goes on stdin, never in argv', async () => {
    const r = new FakeRunner().on(['docker', 'login'], { stdout: 'Login Succeeded' });
    await login(r, l, instantRetry());
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]?.args).toEqual(['login', 'ghcr.io', '--username', 'octo', '--password-stdin']);
    expect(r.calls[0]?.args.join(' ')).not.toContain(SECRET);
    expect(r.calls[0]?.opts.input).toBe(SECRET);
  });

  test('Docker Hub: no registry argument', () => {
    expect(loginArgs({ registry: '', username: 'me', password: SECRET })).toEqual([
      'login',
      '--username',
      'me',
      '--password-stdin',
    ]);
  });

  test('a 503 is retried; unauthorized fails at once without echoing the secret', async () => {
    const r = new FakeRunner().on(
      ['docker', 'login'],
      fail(
        'Error response from daemon: Get "https://ghcr.io/v2/": received unexpected HTTP status: 503 Service Unavailable',
      ),
      { stdout: 'Login Succeeded' },
    );
    const policy = instantRetry(3, 100);
    await login(r, l, policy);
    expect(r.calls).toHaveLength(2);
    expect(policy.waits).toEqual([100]);

    const denied = new FakeRunner().on(
      ['docker', 'login'],
      fail(`Error response from daemon: Get "https://ghcr.io/v2/": denied: password ${SECRET} unauthorized`),
    );
    const err = await login(denied, l, instantRetry(3, 100)).catch((e: unknown) => e);
    expect(String(err)).toMatch(
      /^StepError: login: ghcr.io as octo: .*unauthorized; check the username and token$/,
    );
    expect(String(err)).not.toContain(SECRET);
    expect(denied.calls).toHaveLength(1);
  });
});

describe('logout', () => {
  test.each([
    ['ghcr.io', {}, 'docker logout ghcr.io', undefined],
    ['', fail('not logged in'), 'docker logout', 'docker logout Docker Hub failed: not logged in'],
  ])('%s', async (registry, answer, line, warning) => {
    const r = new FakeRunner().on(['docker', 'logout'], answer);
    await expect(logout(r, registry)).resolves.toBe(warning);
    expect(r.lines()).toEqual([line]);
  });
});
