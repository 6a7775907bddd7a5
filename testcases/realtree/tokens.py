#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count, lexically and independently of libclang, the uses of NAMES in a
tree's .c and .h files: every occurrence in code (not comments or
strings) that is not the name's own declaration or definition at file
scope and not an export.  Prints {name: [[file, line], ...]} as JSON.

usage: tokens.py TREE NAME... [--exclude PREFIX]...
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gupcalls import tokens  # noqa: E402


def uses(text, names):
    toks = list(tokens(text))
    braces = []                 # what each open brace belongs to
    out = []
    for i, (kind, s, line) in enumerate(toks):
        if s == '{':
            back = [t[1] for t in toks[max(0, i - 3):i]]
            braces.append('enum' if 'enum' in back else '')
        elif s == '}' and braces:
            braces.pop()
        depth = len(braces)
        if kind != 'ident' or s not in names:
            continue
        prev = toks[i - 1][1] if i else ''
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ''
        if prev in ('.', '>') or (prev == '#' or prev == 'define'):
            continue
        if braces and braces[-1] == 'enum' and prev in ('{', ','):
            continue            # the enumerator's own definition
        if depth == 0 and nxt == '(' and prev not in ('=', ',', '('):
            continue            # a declaration or definition
        out.append((s, line))
    return out


def main():
    tree, names, excl = sys.argv[1], set(), []
    args = sys.argv[2:]
    while args:
        if args[0] == '--exclude':
            excl.append(args[1])
            args = args[2:]
        else:
            names.add(args[0])
            args = args[1:]
    found = {n: [] for n in sorted(names)}
    for d, dirs, files in os.walk(tree):
        dirs[:] = sorted(x for x in dirs if not x.startswith('.'))
        for f in sorted(files):
            if not f.endswith(('.c', '.h')):
                continue
            path = os.path.join(d, f)
            rel = os.path.relpath(path, tree)
            if any(rel.startswith(e) for e in excl):
                continue
            text = open(path, errors='replace').read()
            if not any(n in text for n in names):
                continue
            for name, line in uses(text, names):
                found[name].append([rel, line])
    print(json.dumps(found, indent=1))


if __name__ == '__main__':
    main()
