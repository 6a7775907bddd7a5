#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A lexical oracle for real-tree tests, independent of libclang.

Lists the calls of the given functions in a tree's .c files, with the
enclosing function and the argument list as written.  Comments, strings
and declarations are skipped.  Prints one JSON object a line:
{"file", "line", "name", "function", "args": [...]}.

usage: gupcalls.py TREE NAME... [--exclude PREFIX]... [--files F...]
"""
import json
import os
import re
import sys

TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<num>\d[\w.]*)
  | (?P<nl>\n)
  | (?P<ws>[ \t\r\f\v]+|\\\n)
  | (?P<punct>.)
''', re.S | re.X)

TYPE_WORDS = {'long', 'int', 'void', 'static', 'extern', 'inline', 'ssize_t',
              'unsigned', 'struct', '*'}


def tokens(text):
    line = 1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        s = m.group()
        if kind in ('comment', 'ws', 'nl'):
            line += s.count('\n')
            continue
        # preprocessor lines are kept: a call in a macro body counts
        yield kind, s, line
        line += s.count('\n')


def calls(text, names):
    toks = list(tokens(text))
    depth = 0
    func = None
    last_ident_before_body = None
    i = 0
    while i < len(toks):
        kind, s, line = toks[i]
        if s == '{':
            if depth == 0:
                func = last_ident_before_body
            depth += 1
        elif s == '}':
            depth = max(0, depth - 1)
            if depth == 0:
                func = None
        elif depth == 0 and kind == 'ident' and i + 1 < len(toks) and \
                toks[i + 1][1] == '(':
            last_ident_before_body = s
        if kind == 'ident' and s in names and i + 1 < len(toks) and \
                toks[i + 1][1] == '(':
            prev = toks[i - 1][1] if i else ''
            if depth == 0 and prev in TYPE_WORDS | {'#define'}:
                i += 1
                continue
            if depth == 0 and prev != ',' and prev not in ('(', '='):
                # a declaration or a definition at file scope
                if prev in TYPE_WORDS or toks[i - 1][0] == 'ident':
                    i += 1
                    continue
            args, cur, d, j = [], [], 0, i + 2
            while j < len(toks):
                t = toks[j][1]
                if t in '([{':
                    d += 1
                elif t in ')]}':
                    if d == 0:
                        break
                    d -= 1
                if t == ',' and d == 0:
                    args.append(cur)
                    cur = []
                else:
                    cur.append(t)
                j += 1
            if cur:
                args.append(cur)
            yield {'line': line, 'name': s, 'function': func,
                   'args': [join(a) for a in args]}
        i += 1


def join(toks):
    out = ''
    for t in toks:
        if out and (out[-1].isalnum() or out[-1] == '_') and \
                (t[0].isalnum() or t[0] == '_'):
            out += ' '
        elif out.endswith(','):
            out += ' '
        out += t
    return out


def main():
    argv = sys.argv[1:]
    tree, names, excl, files = argv[0], set(), [], None
    i = 1
    while i < len(argv):
        if argv[i] == '--exclude':
            excl.append(argv[i + 1])
            i += 2
        elif argv[i] == '--files':
            files = argv[i + 1:]
            break
        else:
            names.add(argv[i])
            i += 1
    if files is None:
        files = []
        for d, dirs, fs in os.walk(tree):
            dirs[:] = sorted(x for x in dirs if not x.startswith('.'))
            for f in sorted(fs):
                if f.endswith('.c'):
                    rel = os.path.relpath(os.path.join(d, f), tree)
                    if not any(rel.startswith(e) for e in excl):
                        files.append(rel)
    for rel in files:
        path = os.path.join(tree, rel)
        try:
            text = open(path, encoding='utf-8', errors='replace').read()
        except OSError:
            continue
        if not any(n in text for n in names):
            continue
        for c in calls(text, names):
            c['file'] = rel
            print(json.dumps(c, sort_keys=True))


if __name__ == '__main__':
    main()
