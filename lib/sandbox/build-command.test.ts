import { describe, expect, it } from 'vitest';
import { buildCommand, childEnv, hiddenPathsFstab, pathsToHide, UNSHARE_MOUNT_SCRIPT, type CommandPlan } from './build-command';

const plan = (over: Partial<CommandPlan> = {}): CommandPlan => ({
  level: 'bubblewrap',
  dropToUid: 1900000042,
  mapRootUser: false,
  tools: { sh: '/bin/sh', prlimit: '/usr/bin/prlimit', setpriv: '/usr/bin/setpriv', unshare: '/usr/bin/unshare', bwrap: '/usr/bin/bwrap' },
  bwrapDisableUserns: true,
  rootLinks: { '/bin': 'usr/bin', '/lib64': null },
  dir: '/tmp/winnow-sandbox-abc',
  hidePaths: [],
  interpreter: { path: '/usr/bin/python3.11', args: ['-I', '-B', 'main.py'], roots: [] },
  limits: { cpuSeconds: 5, addressSpaceBytes: 1 << 30, processes: 20, fileSizeBytes: 1 << 20, openFiles: 64 },
  ...over,
});

const argv = (p: CommandPlan) => {
  const c = buildCommand(p);
  return [c.file, ...c.args];
};

describe('buildCommand', () => {
  it('bubblewrap: drops to the uid, bwrap with every namespace and a read-only root, then the limits', () => {
    const a = argv(plan());
    expect(a.slice(0, 2)).toEqual(['/usr/bin/setpriv', '--reuid=1900000042']);
    expect(a).toContain('--no-new-privs');
    const prlimit = a.indexOf('/usr/bin/prlimit');
    const bwrap = a.indexOf('/usr/bin/bwrap');
    expect(bwrap).toBeGreaterThan(0);
    expect(prlimit).toBeGreaterThan(bwrap);
    expect(a.slice(prlimit)).toEqual(expect.arrayContaining(['--as=1073741824', '--cpu=5:6', '--nproc=20', '--core=0']));
    for (const ns of ['--unshare-user', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--disable-userns', '--die-with-parent', '--new-session']) {
      expect(a).toContain(ns);
    }
    expect(a.join(' ')).toContain('--bind /tmp/winnow-sandbox-abc /sandbox --chdir /sandbox --remount-ro /');
    expect(a.join(' ')).toContain('--symlink usr/bin /bin');
    expect(a.join(' ')).toContain('--ro-bind-try /lib64 /lib64');
    expect(a.slice(-4)).toEqual(['/usr/bin/python3.11', '-I', '-B', 'main.py']);
    expect(buildCommand(plan()).env).toEqual(childEnv('/sandbox'));
  });

  it('binds an interpreter that lives outside /usr', () => {
    const a = argv(plan({ interpreter: { path: '/opt/py/bin/python3', args: [], roots: ['/opt/py'] } })).join(' ');
    expect(a).toContain('--ro-bind /opt/py /opt/py');
  });

  it('without root: no setpriv', () => {
    expect(argv(plan({ dropToUid: null }))[0]).toBe('/usr/bin/bwrap');
    expect(argv(plan({ level: 'rlimits-only', dropToUid: null }))[0]).toBe('/usr/bin/prlimit');
  });

  it('unshare: namespaces first, mount script, then the drop and limits; the program sees the temp root', () => {
    const c = buildCommand(plan({ level: 'unshare', hidePaths: ['/home'] }));
    const a = [c.file, ...c.args];
    expect(a[0]).toBe('/usr/bin/unshare');
    expect(a).toEqual(expect.arrayContaining(['--net', '--pid', '--mount', '--kill-child', '--mount-proc']));
    const script = a.indexOf(UNSHARE_MOUNT_SCRIPT);
    expect(a[script + 2]).toBe('/tmp');
    expect(a[script + 3]).toBe('/usr/bin/setpriv');
    expect(c.workdir).toBe('/tmp');
    expect(c.env.HOME).toBe('/tmp');
    expect(argv(plan({ level: 'unshare', dropToUid: null, mapRootUser: true }))).toContain('--map-root-user');
  });

  it('passes only PATH, LANG, HOME and TMPDIR', () => {
    process.env.WINNOW_TEST_SECRET = 'nope';
    const env = buildCommand(plan({ level: 'rlimits-only' })).env;
    expect(Object.keys(env).sort()).toEqual(['HOME', 'LANG', 'PATH', 'TMPDIR']);
    expect(env.HOME).toBe('/tmp/winnow-sandbox-abc');
    delete process.env.WINNOW_TEST_SECRET;
  });

  it('refuses to drop privileges without setpriv', () => {
    expect(() => buildCommand(plan({ tools: { sh: '/bin/sh', prlimit: '/usr/bin/prlimit', setpriv: null, bwrap: '/usr/bin/bwrap' } }))).toThrow(/setpriv/);
  });
});

describe('pathsToHide', () => {
  it('keeps the outermost paths, never the temp root, its ancestors or the interpreter', () => {
    expect(
      pathsToHide({
        dir: '/tmp/winnow-sandbox-x',
        candidates: ['/tmp', '/var/tmp', '/home', '/home/me', '/root', '/work/main', '/'],
        keep: ['/root/.pyenv/versions/3.11/bin/python3'],
      }),
    ).toEqual(['/home', '/var/tmp', '/work/main']);
    expect(pathsToHide({ dir: '/home/me/tmp/winnow-sandbox-x', candidates: ['/home', '/tmp'], keep: [] })).toEqual(['/tmp']);
  });
});

describe('hiddenPathsFstab', () => {
  it('writes one tmpfs line per path, escaping spaces', () => {
    expect(hiddenPathsFstab(['/var/tmp', '/work/my project'])).toBe(
      'winnow-hidden /var/tmp tmpfs size=64k,mode=755,nosuid,nodev,noexec 0 0\n' +
        'winnow-hidden /work/my\\040project tmpfs size=64k,mode=755,nosuid,nodev,noexec 0 0\n',
    );
  });
});
