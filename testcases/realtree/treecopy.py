# SPDX-License-Identifier: GPL-2.0
"""A partial copy of a kernel tree, enough to parse some of its files: the
top Makefile and Kbuild, include/ and arch/, every file of the
directories the named files are in, and the headers under their parent
directories (a driver's headers in a sibling directory)."""
import os
import shutil


def copy_for_scan(src, copy, files):
    for sub in ('include', 'arch'):
        shutil.copytree(os.path.join(src, sub), os.path.join(copy, sub),
                        symlinks=True, dirs_exist_ok=True)
    for top in ('Makefile', 'Kbuild'):
        shutil.copy(os.path.join(src, top), os.path.join(copy, top))
    for d in sorted({os.path.dirname(os.path.dirname(f)) for f in files}):
        for base, dirs, names in os.walk(os.path.join(src, d)):
            for name in names:
                if name.endswith('.h'):
                    rel = os.path.relpath(os.path.join(base, name), src)
                    os.makedirs(os.path.dirname(os.path.join(copy, rel)),
                                exist_ok=True)
                    shutil.copy(os.path.join(src, rel),
                                os.path.join(copy, rel))
    for d in sorted({os.path.dirname(f) for f in files}):
        os.makedirs(os.path.join(copy, d), exist_ok=True)
        for name in os.listdir(os.path.join(src, d)):
            s = os.path.join(src, d, name)
            if os.path.isfile(s) and not os.path.islink(s):
                shutil.copy(s, os.path.join(copy, d, name))
