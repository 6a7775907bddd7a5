#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare gupcheck's choice for every '.splice_read =
generic_file_splice_read' of a 6.1 scan with what the 6.12 tree has in
the same initializer, lexically and independently of libclang.

usage: splice_agreement.py REPORT.json TREE61 TREE612  -> JSON on stdout
A 6.12 filesystem wrapper counts as agreement when gupcheck's choice is
among the splice-read functions the wrapper calls.
"""
import json
import os
import re
import sys

CHOICES = ('filemap_splice_read', 'copy_splice_read')


def strip(text):
    text = re.sub(r'/\*.*?\*/', lambda m: re.sub(r'[^\n]', ' ', m.group()),
                  text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


def initializer_name(text, line):
    """The variable whose initializer holds LINE: 'NAME = {' above it."""
    lines = text.split('\n')[:line]
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        if i + 1 < len(lines) and lines[i + 1].strip().startswith('{'):
            ln += '{'
        m = re.search(r'(\w+)\s*(\[\s*\w*\s*\])?\s*=\s*\{', ln)
        if m:
            return m.group(1)
    return None


def splice_value(text, var):
    m = re.search(r'\b%s\s*(\[\s*\w*\s*\])?\s*=\s*\{(.*?)\n\}' %
                  re.escape(var),
                  text, re.S)
    if not m:
        return None
    v = re.search(r'\.splice_read\s*=\s*(\w+)', m.group(2))
    return v.group(1) if v else None


def function_body(tree, name, near):
    """The body of NAME, looked for near the file first, then in fs/."""
    dirs = [os.path.dirname(near), 'fs', 'mm', 'kernel']
    for d in dirs:
        full = os.path.join(tree, d)
        if not os.path.isdir(full):
            continue
        for f in sorted(os.listdir(full)):
            if not f.endswith('.c'):
                continue
            text = strip(open(os.path.join(full, f), errors='replace').read())
            m = re.search(r'^[\w \t*]*\b%s\s*\([^;{]*\)\s*\{' % re.escape(name),
                          text, re.M)
            if m:
                depth, i = 0, m.end() - 1
                for j in range(i, len(text)):
                    if text[j] == '{':
                        depth += 1
                    elif text[j] == '}':
                        depth -= 1
                        if depth == 0:
                            return text[i:j]
    return None


def main():
    report, t61, t612 = sys.argv[1:4]
    rep = json.load(open(report))
    rows = []
    for f in rep['findings']:
        if f['rule'] != 'iov/splice-read' or \
                'generic_file_splice_read' not in f['message']:
            continue
        text61 = strip(open(os.path.join(t61, f['file']),
                            errors='replace').read())
        line = text61.split('\n')[f['line'] - 1]
        if not re.search(r'\.splice_read\s*=', line):
            continue            # a call or an export, not an initializer
        choice = None
        if 'fix' in f:
            choice = f['fix']['edits'][0]['replacement']
        var = initializer_name(text61, f['line'])
        row = {'file': f['file'], 'line': f['line'], 'var': var,
               'gupcheck': choice, 'seen': f['seen']}
        p612 = os.path.join(t612, f['file'])
        now = None
        if os.path.exists(p612) and var:
            now = splice_value(strip(open(p612, errors='replace').read()),
                               var)
        row['linux_6_12'] = now
        if now in CHOICES:
            row['expected'] = [now]
        elif now:
            body = function_body(t612, now, f['file']) or ''
            row['expected'] = [c for c in CHOICES if c in body]
            row['wrapper'] = now
        else:
            row['expected'] = []
        row['agree'] = bool(choice) and choice in row['expected']
        rows.append(row)
    comparable = [r for r in rows if r['expected']]
    agree = [r for r in comparable if r['agree']]
    print(json.dumps({'sites': len(rows), 'comparable': len(comparable),
                      'agree': len(agree), 'rows': rows}, indent=1))


if __name__ == '__main__':
    main()
