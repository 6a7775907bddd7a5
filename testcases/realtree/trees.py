#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The reference trees: Debian's linux-source-6.1 and linux-source-6.12 at
the versions pinned in reports/reference/trees.mk, unpacked and prepared
('make LLVM=1 O=DIR defconfig prepare') in $CACHE.

As a program (make trees runs it):
  trees.py prepare V...   fetch exactly the pinned package of each V with
                          'apt-get download PKG=VERSION', unpack it with
                          dpkg-deb -x and tar, and prepare its build
                          directory.  A tree or build directory of another
                          version is removed and made again, never reused.
                          TREE_6_1=DIR / TREE_6_12=DIR: use a tree
                          unpacked by hand (it must hold the pinned
                          version) instead of fetching one.
  trees.py status V...    one line per tree: ready, or why not.
  trees.py path src|build V

As a module, for the real-tree tests: tree(v), not_ready(v), label(v),
version(v), upstream(v), absent(name, v).

Environment: CACHE (default ~/.cache/gupcheck); GUPCHECK_APT_DOWNLOAD, the
command that downloads a .deb into the current directory (default
'apt-get download'; the tests replace it to fake an archive that lost
the version).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

# The real-tree tests compare scans with references made without a
# summary index: one in the user's cache must be neither read nor written
# (a test of the index names its own with --index).
os.environ.setdefault('GUPCHECK_INDEX', '')

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
PINS = os.path.join(TOP, 'reports/reference/trees.mk')
CACHE = os.environ.get('CACHE', os.path.expanduser('~/.cache/gupcheck'))
REQUIRE = os.environ.get('GUPCHECK_REQUIRE_TREES') == '1'


def pinned():
    """{'6.1': '6.1.192-3', ...} from reports/reference/trees.mk."""
    pins = {}
    for line in open(PINS):
        m = re.match(r'TREE_VERSION_(\S+)\s*:?=\s*(\S+)\s*$', line)
        if m:
            pins[m.group(1)] = m.group(2)
    return pins


def version(v):
    """The pinned Debian version of linux-source-V."""
    return pinned()[v]


def upstream(v):
    """The kernel version the pinned package holds: 6.12.117."""
    return re.sub(r'-[^-]*$', '', version(v))


def label(v):
    return 'linux-source-%s %s' % (v, version(v))


def _var(v):
    return 'TREE_' + v.replace('.', '_')


def _stamp(v):
    return os.path.join(CACHE, 'build-' + v, '.prepared')


def _marker(v):
    return os.path.join(CACHE, 'unavailable-' + v)


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def makefile_version(src):
    """VERSION.PATCHLEVEL.SUBLEVEL of the kernel tree SRC, or None."""
    text = _read(os.path.join(src, 'Makefile'))
    if text is None:
        return None
    got = {}
    for key in ('VERSION', 'PATCHLEVEL', 'SUBLEVEL'):
        m = re.search(r'^%s\s*=\s*(\d+)\s*$' % key, text, re.M)
        if not m:
            return None
        got[key] = m.group(1)
    return '%(VERSION)s.%(PATCHLEVEL)s.%(SUBLEVEL)s' % got


def tree(v):
    """(source, build) of the prepared tree V."""
    build = os.path.join(CACHE, 'build-' + v)
    src = os.path.join(CACHE, 'linux-source-' + v)
    stamp = (_read(_stamp(v)) or '').split()
    if len(stamp) == 2:
        src = stamp[1]
    return src, build


def not_ready(v):
    """None when tree V is prepared at its pinned version, else why not."""
    why = _read(_marker(v))
    if why:
        return why.strip().split('\n')[0]
    src, build = tree(v)
    stamp = (_read(_stamp(v)) or '').split()
    if not stamp or not os.path.exists(
            os.path.join(build, 'include/generated/autoconf.h')):
        return '%s is not prepared in %s (make trees)' % (label(v), CACHE)
    if stamp[0] != version(v):
        return ('%s holds linux-source-%s %s, but the references are of %s '
                '(make trees)' % (build, v, stamp[0], version(v)))
    have = makefile_version(src)
    if have != upstream(v):
        return ('%s holds Linux %s, but the references are of %s (make '
                'trees)' % (src, have, upstream(v)))
    return None


def absent(name, v):
    """Print the SKIP (or, in CI, FAIL) line of test NAME when tree V is not
    ready; True when the test cannot run."""
    why = not_ready(v)
    if why:
        print('%s %s: %s' % ('FAIL' if REQUIRE else 'SKIP', name, why),
              flush=True)
    return why is not None


class Unavailable(Exception):
    pass


def _say(msg):
    print(msg, flush=True)


def _fetch(v, tmp):
    """Download the pinned .deb of linux-source-V into TMP; its path."""
    pkg, ver = 'linux-source-' + v, version(v)
    cmd = shlex.split(os.environ.get('GUPCHECK_APT_DOWNLOAD',
                                     'apt-get download'))
    _say('  FETCH   %s=%s' % (pkg, ver))
    p = subprocess.run(cmd + ['%s=%s' % (pkg, ver)], cwd=tmp,
                       capture_output=True, text=True)
    if p.returncode and 'GUPCHECK_APT_DOWNLOAD' not in os.environ:
        # A machine whose package lists are old or absent: read them again
        # where that is allowed, then try once more.
        sudo = [] if os.geteuid() == 0 else ['sudo', '-n']
        if subprocess.run(sudo + ['apt-get', 'update', '-q'],
                          capture_output=True).returncode == 0:
            p = subprocess.run(cmd + ['%s=%s' % (pkg, ver)], cwd=tmp,
                               capture_output=True, text=True)
    debs = [f for f in os.listdir(tmp) if f.endswith('.deb')]
    if p.returncode or len(debs) != 1:
        err = (p.stderr.strip().split('\n') or [''])[-1]
        raise Unavailable(
            '%s=%s cannot be downloaded (%s: %s).\n'
            'The references in reports/reference/ were made on that '
            'version, so no other one is used in its place.  Either:\n'
            '  - unpack %s by hand (snapshot.debian.org keeps every Debian '
            'version) and run: make trees %s=DIR\n'
            '  - or move the references to a version the archive has: set '
            'TREE_VERSION_%s in reports/reference/trees.mk, run make trees, '
            'then make references, and review the differences it prints.'
            % (pkg, ver, ' '.join(cmd), err or 'exit %d' % p.returncode,
               ver, _var(v), v))
    return os.path.join(tmp, debs[0])


def _unpack(v, dest):
    """Put the pinned tree of V at DEST; nothing is left half-done."""
    pkg = 'linux-source-' + v
    tmp = tempfile.mkdtemp(prefix='.unpack-%s-' % v, dir=CACHE)
    try:
        deb = _fetch(v, tmp)
        _say('  UNPACK  %s into %s' % (os.path.basename(deb), CACHE))
        root = os.path.join(tmp, 'root')
        subprocess.run(['dpkg-deb', '-x', deb, root], check=True)
        tarball = os.path.join(root, 'usr/src', pkg + '.tar.xz')
        out = os.path.join(tmp, 'src')
        os.mkdir(out)
        subprocess.run(['tar', '-C', out, '-xf', tarball], check=True)
        have = makefile_version(os.path.join(out, pkg))
        if have != upstream(v):
            raise Unavailable('%s=%s holds Linux %s, not %s' % (
                pkg, version(v), have, upstream(v)))
        os.rename(os.path.join(out, pkg), dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def prepare(v):
    pkg, want = 'linux-source-' + v, version(v)
    os.makedirs(CACHE, exist_ok=True)
    given = os.environ.get(_var(v))
    build = os.path.join(CACHE, 'build-' + v)
    if given:
        src = os.path.abspath(given)
        have = makefile_version(src)
        if have != upstream(v):
            raise Unavailable(
                '%s=%s holds Linux %s, but the references are of %s (%s); '
                'to move them to that version, set TREE_VERSION_%s in '
                'reports/reference/trees.mk and run make references' % (
                    _var(v), given, have, upstream(v), label(v), v))
    else:
        src = os.path.join(CACHE, pkg)
        mark = src + '.version'
        if makefile_version(src) != upstream(v) or \
                (_read(mark) or '').strip() != want:
            if os.path.lexists(src):
                _say('  REMOVE  %s: it holds Linux %s, not %s' % (
                    src, makefile_version(src), want))
                shutil.rmtree(src)
            if os.path.lexists(mark):
                os.unlink(mark)
            _unpack(v, src)
            with open(mark, 'w') as f:
                f.write(want + '\n')
    key = '%s %s' % (want, os.path.realpath(src))
    if (_read(_stamp(v)) or '').strip() == key and os.path.exists(
            os.path.join(build, 'include/generated/autoconf.h')):
        return
    if os.path.lexists(build):
        _say('  REMOVE  %s: prepared for another tree or version' % build)
        shutil.rmtree(build)
    _say('  PREPARE %s (Linux %s)' % (build, upstream(v)))
    log = os.path.join(CACHE, 'prepare-%s.log' % v)
    with open(log, 'w') as f:
        p = subprocess.run(['make', '-s', '-j%d' % (os.cpu_count() or 1),
                            '-C', src, 'LLVM=1', 'O=' + build, 'defconfig',
                            'prepare'], stdout=f, stderr=subprocess.STDOUT)
    if p.returncode:
        sys.stdout.write(''.join(open(log).readlines()[-20:]))
        shutil.rmtree(build, ignore_errors=True)
        raise Unavailable('%s: make defconfig prepare of %s failed (%s)' % (
            label(v), src, log))
    with open(_stamp(v), 'w') as f:
        f.write(key + '\n')


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    what, vs = argv[0], argv[1:]
    pins = pinned()
    for v in vs if what != 'path' else vs[1:]:
        if v not in pins:
            sys.stderr.write('trees.py: no tree %s in %s (known: %s)\n' % (
                v, PINS, ' '.join(sorted(pins))))
            sys.exit(2)
    if what == 'path':
        print(tree(vs[1])[0 if vs[0] == 'src' else 1])
        return
    if what == 'status':
        bad = 0
        for v in vs:
            why = not_ready(v)
            print('%s: %s' % (label(v), why or 'ready in %s' % tree(v)[1]))
            bad += why is not None
        sys.exit(1 if bad else 0)
    if what != 'prepare':
        sys.exit(__doc__)
    failed = False
    for v in vs:
        try:
            prepare(v)
            if os.path.exists(_marker(v)):
                os.unlink(_marker(v))
        except Unavailable as e:
            msg = 'gupcheck: %s' % e
        except (subprocess.CalledProcessError, OSError) as e:
            msg = 'gupcheck: %s: %s' % (label(v), e)
        else:
            continue
        sys.stderr.write(msg + '\n')
        with open(_marker(v), 'w') as f:
            f.write(msg + '\n')
        failed = True
    sys.exit(2 if failed else 0)


if __name__ == '__main__':
    main(sys.argv[1:])
