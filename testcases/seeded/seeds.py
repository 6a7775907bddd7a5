# SPDX-License-Identifier: GPL-2.0
"""The edits of 'make seeded': a light parse of kernel C (functions by
brace matching, statements by a small recursive descent) and the sites
where one small textual change makes a get/pin bug.  testcases/seeded/run
documents the kinds and the reaches; this module finds them.

Everything here works on the text of one tree; nothing is written.  The
parse is on a copy of the text with comments, strings, character
literals and preprocessor lines blanked (same length, same newlines), so
that offsets and line numbers are those of the file.
"""
import hashlib
import os
import re

# --- the GUP vocabulary -------------------------------------------------

# acquisition: name -> (family, index of the count argument or None,
#                       index of the pages argument)
ACQUIRE = {
    'pin_user_pages': ('pin', 1, 3),
    'pin_user_pages_fast': ('pin', 1, 3),
    'pin_user_pages_unlocked': ('pin', 1, 2),
    'pin_user_pages_remote': ('pin', 2, 4),
    'memfd_pin_folios': ('pin', 4, 3),
    'get_user_pages': ('get', 1, 3),
    'get_user_pages_fast': ('get', 1, 3),
    'get_user_pages_fast_only': ('get', 1, 3),
    'get_user_pages_unlocked': ('get', 1, 2),
    'get_user_pages_remote': ('get', 2, 4),
    # these return bytes, not pages: no count semantics
    'iov_iter_get_pages2': ('get', None, 1),
    'iov_iter_get_pages_alloc2': ('get', None, 1),
    'iov_iter_extract_pages': ('extract', None, 1),
}
# release: name -> (family, index of the pages argument, index of the
#                   count argument or None, count is unsigned)
RELEASE = {
    'unpin_user_page': ('pin', 0, None, False),
    'unpin_user_pages': ('pin', 0, 1, True),
    'unpin_user_pages_dirty_lock': ('pin', 0, 1, True),
    'unpin_user_page_range_dirty_lock': ('pin', 0, 1, True),
    'unpin_user_folio': ('pin', 0, 1, True),
    'unpin_folio': ('pin', 0, None, False),
    'unpin_folios': ('pin', 0, 1, True),
    'put_page': ('get', 0, None, False),
    'release_pages': ('get', 0, 1, False),
    'folio_put': ('get', 0, None, False),
}
# pin_* -> get_* with the same arguments
SWAP_ACQ = {
    'pin_user_pages': 'get_user_pages',
    'pin_user_pages_fast': 'get_user_pages_fast',
    'pin_user_pages_unlocked': 'get_user_pages_unlocked',
    'pin_user_pages_remote': 'get_user_pages_remote',
}
PRIMITIVES = set(ACQUIRE) | set(RELEASE)
PIN_FAMILY = ('pin', 'extract')

# a test of how the pages were obtained
PINNED_TEST = re.compile(
    r'is_pinned|need_unpin|direct_bv_unpin|BIO_PAGE_PINNED|'
    r'iov_iter_extract_will_pin|USER_MAPPED|pages_need_release|'
    r'iov_iter_is_kvec|user_backed_iter|got_ref')

# pages of another origin
MIXED = re.compile(r'\b(alloc_pages?|folio_alloc|__get_free_pages?|'
                   r'get_page|folio_get|vmalloc_to_page)\s*\(')

# the tests that record iov_iter_extract_will_pin()
EXTRACT_FLAG = re.compile(r'will_pin|need_unpin|BIO_PAGE_PINNED|'
                          r'direct_bv_unpin|is_pinned')

KEYWORDS = {'if', 'for', 'while', 'switch', 'return', 'sizeof', 'do',
            'else', 'case', 'goto', 'typeof', '__typeof__', 'defined',
            '__attribute__', 'asm', '__asm__', 'volatile', '_Generic'}

IDENT = re.compile(r'[A-Za-z_]\w*')


# --- text ---------------------------------------------------------------

def blank(text):
    """Comments, strings, character literals and preprocessor lines as
    spaces; newlines kept."""
    out = list(text)
    n = len(text)
    i = 0
    line_start = True

    def sp(a, b):
        for k in range(a, b):
            if out[k] != '\n':
                out[k] = ' '
    while i < n:
        c = text[i]
        if line_start and c in ' \t':
            i += 1
            continue
        if line_start and c == '#':
            j = i
            while j < n:
                if text[j] == '\n' and text[j - 1] != '\\':
                    break
                if text.startswith('/*', j):
                    k = text.find('*/', j + 2)
                    j = n if k < 0 else k + 2
                    continue
                j += 1
            sp(i, j)
            i = j
            continue
        line_start = False
        if c == '\n':
            line_start = True
            i += 1
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            sp(i, j)
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            sp(i, j)
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            sp(i + 1, min(j, n))
            i = j + 1
        else:
            i += 1
    return ''.join(out)


def brackets(code):
    """{open: close} for (), [] and {}; None when unbalanced."""
    pair = {')': '(', ']': '[', '}': '{'}
    st, m = [], {}
    for i, c in enumerate(code):
        if c in '([{':
            st.append(i)
        elif c in ')]}':
            if not st or code[st[-1]] != pair[c]:
                return None
            m[st.pop()] = i
    return m if not st else None


def ws(code, i):
    n = len(code)
    while i < n and code[i].isspace():
        i += 1
    return i


def ident_at(code, i):
    m = IDENT.match(code, i)
    return m.group(0) if m else None


def squash(s):
    return re.sub(r'\s+', ' ', s).strip()


# --- statements ---------------------------------------------------------

class Node:
    __slots__ = ('kind', 'start', 'end', 'kids', 'cond', 'then', 'els',
                 'body', 'name', 'parent', 'else_at')

    def __init__(self, kind, start, end, **kw):
        self.kind, self.start, self.end = kind, start, end
        self.kids, self.cond, self.then, self.els = [], None, None, None
        self.body, self.name, self.parent, self.else_at = \
            None, None, None, None
        for k, v in kw.items():
            setattr(self, k, v)

    def children(self):
        if self.kind == 'block':
            return list(self.kids)
        return [c for c in (self.then, self.els, self.body) if c]

    def walk(self):
        yield self
        for c in self.children():
            yield from c.walk()


class Parser:
    def __init__(self, code, match):
        self.code, self.m = code, match

    def block(self, i):
        end = self.m[i]
        node = Node('block', i, end + 1)
        j = i + 1
        while True:
            j = ws(self.code, j)
            if j >= end:
                break
            s = self.stmt(j, end)
            node.kids.append(s)
            j = s.end
        return node

    def to_semi(self, i, limit, loops=False):
        c, m = self.code, self.m
        j = i
        while j < limit:
            ch = c[j]
            if ch in '([{':
                if ch == '{' and j > i and loops:
                    head = c[i:j]
                    if re.fullmatch(r'\s*[A-Za-z_]\w*\s*\(.*\)\s*', head,
                                    re.S):
                        # a loop macro: list_for_each_entry(...) { ... }
                        p = c.index('(', i)
                        body = self.block(j)
                        return Node('loop', i, body.end,
                                    cond=(p + 1, m[p]), body=body)
                j = m[j] + 1
                continue
            if ch == ';':
                return j + 1
            j += 1
        return limit

    def stmt(self, i, limit):
        c = self.code
        i = ws(c, i)
        if c[i] == '{':
            return self.block(i)
        if c[i] == ';':
            return Node('empty', i, i + 1)
        w = ident_at(c, i)
        if w in ('if', 'while', 'for', 'switch'):
            j = ws(c, i + len(w))
            if c[j] != '(':
                return self.expr(i, limit)
            close = self.m[j]
            body = self.stmt(close + 1, limit)
            if w == 'if':
                node = Node('if', i, body.end, cond=(j + 1, close),
                            then=body)
                k = ws(c, body.end)
                if ident_at(c, k) == 'else':
                    node.else_at = k
                    node.els = self.stmt(k + 4, limit)
                    node.end = node.els.end
                return node
            return Node('switch' if w == 'switch' else 'loop', i,
                        body.end, cond=(j + 1, close), body=body)
        if w == 'do':
            body = self.stmt(i + 2, limit)
            end = self.to_semi(body.end, limit)
            return Node('loop', i, end, body=body, cond=(body.end, end))
        if w in ('case', 'default'):
            j, depth = i + len(w), 0
            while j < limit:
                if c[j] == '?':
                    depth += 1
                elif c[j] == ':' and c[j + 1] != ':' and c[j - 1] != ':':
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            return Node('case', i, j + 1)
        if w and w not in KEYWORDS:
            j = ws(c, i + len(w))
            if j < limit and c[j] == ':' and c[j + 1] != ':':
                return Node('label', i, j + 1, name=w)
        if w == 'goto':
            end = self.to_semi(i, limit)
            return Node('goto', i, end, name=ident_at(c, ws(c, i + 4)))
        if w in ('return', 'break', 'continue'):
            end = self.to_semi(i, limit)
            return Node(w, i, end)
        return self.expr(i, limit)

    def expr(self, i, limit):
        end = self.to_semi(i, limit, loops=True)
        if isinstance(end, Node):
            return end
        return Node('expr', i, end)


def set_parents(node, parent=None):
    node.parent = parent
    for k in node.children():
        set_parents(k, node)


# --- files --------------------------------------------------------------

class Call:
    __slots__ = ('name', 'start', 'open', 'close', 'args', 'fn', 'stmt')

    def __init__(self, name, start, open_, close, args):
        self.name, self.start, self.open, self.close = \
            name, start, open_, close
        self.args = args      # [(start, end)] in the file's offsets
        self.fn = self.stmt = None


class Function:
    def __init__(self, src, name, start, body_open, end):
        self.src, self.name = src, name
        self.start, self.open, self.end = start, body_open, end
        self.body = None
        self.params = []       # [(name, declaration text)]
        self.calls = []

    def __repr__(self):
        return '%s:%s' % (self.src.rel, self.name)


class Source:
    """One .c file: functions, their statements and calls."""

    def __init__(self, root, rel):
        self.rel = rel
        self.text = open(os.path.join(root, rel), errors='replace').read()
        self.code = blank(self.text)
        self.m = brackets(self.code)
        self.functions = []
        self.lines = None
        if self.m is None:
            return
        self._functions()
        p = Parser(self.code, self.m)
        for f in self.functions:
            try:
                f.body = p.block(f.open)
            except (IndexError, KeyError, ValueError):
                f.body = None
                continue
            set_parents(f.body)
        self.functions = [f for f in self.functions if f.body]
        self.byname = {f.name: f for f in self.functions}

    def line(self, off):
        return self.text.count('\n', 0, off) + 1

    def _functions(self):
        c, m = self.code, self.m
        i, n = 0, len(c)
        while i < n:
            if c[i] == '{':
                end = m[i]
                f = self._head(i)
                if f:
                    self.functions.append(Function(self, f[0], f[1], i,
                                                   end + 1))
                    self.functions[-1].params = f[2]
                i = end + 1
                continue
            i += 1

    def _head(self, brace):
        c, m = self.code, self.m
        j = brace - 1
        while j >= 0 and c[j].isspace():
            j -= 1
        # attributes after the parameter list: __must_hold(x) and such
        while j >= 0 and c[j] == ')':
            o = self._open_of(j)
            if o is None:
                return None
            k = o - 1
            while k >= 0 and c[k].isspace():
                k -= 1
            e = k + 1
            while k >= 0 and (c[k].isalnum() or c[k] == '_'):
                k -= 1
            name = c[k + 1:e]
            if not name or name in KEYWORDS:
                return None
            if name.startswith('__') and name not in ('__init',):
                # maybe an attribute: look further left for ')'
                b = k
                while b >= 0 and c[b].isspace():
                    b -= 1
                if b >= 0 and c[b] == ')':
                    j = b
                    continue
            # the start: after the previous ';' or '}' at top level
            s = k
            while s >= 0 and c[s] not in ';}':
                s -= 1
            params = []
            for a, b2 in split_args(c, o, j):
                decl = squash(c[a:b2])
                pm = re.search(r'(\w+)\s*(\[[^\]]*\])?$', decl)
                params.append((pm.group(1) if pm else '', decl))
            return name, s + 1, params
        return None

    def _open_of(self, close):
        if not hasattr(self, '_rev'):
            self._rev = {v: k for k, v in self.m.items()}
        return self._rev.get(close)


def split_args(code, open_, close):
    out, depth, a = [], 0, open_ + 1
    for k in range(open_ + 1, close):
        ch = code[k]
        if ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        elif ch == ',' and depth == 0:
            out.append((a, k))
            a = k + 1
    if code[a:close].strip():
        out.append((a, close))
    return out


def find_calls(src, fn, names):
    out = []
    c = src.code
    pat = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
    for mt in pat.finditer(c, fn.open, fn.end):
        if mt.group(1) not in names:
            continue
        o = mt.end() - 1
        if o not in src.m:
            continue
        call = Call(mt.group(1), mt.start(), o, src.m[o],
                    split_args(c, o, src.m[o]))
        call.fn = fn
        call.stmt = innermost(fn.body, mt.start())
        out.append(call)
    return out


def innermost(node, off):
    """The innermost statement holding off (a leaf, or the if/loop whose
    condition holds it)."""
    best = node
    while True:
        nxt = None
        for k in best.children():
            if k.start <= off < k.end:
                nxt = k
                break
        if nxt is None:
            return best
        best = nxt


def key_of(expr):
    """The storage an argument names, as its last component: '&dma->map[i]'
    -> 'map', 'sg_page(&sgl[i])' -> 'sgl', '(struct page **)vec->ptrs' ->
    'ptrs'."""
    e = squash(expr)
    e = re.sub(r'^\((struct\s+)?\w+\s*\**\s*\)\s*', '', e)
    for _ in range(4):
        mt = re.match(r'^[&*\s]*(\w+)\s*\((.*)\)$', e)
        if mt and mt.group(1) not in ('sizeof',):
            e = mt.group(2).split(',')[0]
            continue
        break
    e = re.sub(r'\[[^\]]*\]', '', e)
    e = re.split(r'\s*[+-]\s+|\s\+|\+', e)[0]
    ids = re.findall(r'[A-Za-z_]\w*', e)
    return ids[-1] if ids else None


def root_of(expr):
    e = squash(expr)
    e = re.sub(r'^\((struct\s+)?\w+\s*\**\s*\)\s*', '', e)
    mt = re.match(r'^[&*(\s]*([A-Za-z_]\w*)', e)
    return mt.group(1) if mt else None


# --- the tree's GUP functions -------------------------------------------

class Event:
    """One acquisition or release call in a function: a primitive, or a
    call of a wrapper of the directory."""
    __slots__ = ('call', 'kind', 'family', 'key', 'count', 'unsigned',
                 'result', 'prim', 'returns_count')

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


class Tree:
    """The parsed candidate files and their directories' other .c files,
    with the wrappers each directory defines."""

    def __init__(self, root):
        self.root = root
        self.sources = {}
        self.acq_wrappers = {}   # dir -> name -> info
        self.rel_wrappers = {}
        self.fnptr = {}          # dir -> set of names used as pointers

    def source(self, rel):
        if rel not in self.sources:
            s = Source(self.root, rel)
            self.sources[rel] = s
        return self.sources[rel]

    def dir_files(self, d):
        p = os.path.join(self.root, d)
        return sorted(os.path.join(d, n) for n in os.listdir(p)
                      if n.endswith('.c') and
                      os.path.isfile(os.path.join(p, n)))

    def prepare_dir(self, d):
        if d in self.acq_wrappers:
            return
        srcs = [self.source(r) for r in self.dir_files(d)]
        acq, rel, ptr = {}, {}, set()
        for s in srcs:
            for mt in re.finditer(
                    r'(?:\.|->)\s*\w+\s*=\s*&?\s*([A-Za-z_]\w*)\s*[,;}\n]',
                    s.code):
                ptr.add(mt.group(1))
        # wrappers: a function whose primitive (or wrapper) call takes
        # pages into or out of its parameter or return value; iterated so
        # that a wrapper of a wrapper counts
        for _ in range(3):
            changed = False
            for s in srcs:
                for f in s.functions:
                    names = PRIMITIVES | set(acq) | set(rel)
                    names.discard(f.name)
                    calls = find_calls(s, f, names)
                    pnames = [p[0] for p in f.params]
                    has_acq = any(c.name in ACQUIRE or c.name in acq
                                  for c in calls)
                    for c in calls:
                        info = self._wrapped(s, f, c, pnames, acq, rel)
                        if not info:
                            continue
                        tab = acq if info['dir'] == 'acq' else rel
                        if info['dir'] == 'rel' and has_acq:
                            continue
                        if f.name not in tab:
                            tab[f.name] = info
                            changed = True
            if not changed:
                break
        self.acq_wrappers[d], self.rel_wrappers[d] = acq, rel
        self.fnptr[d] = ptr

    def _wrapped(self, s, f, c, pnames, acq, rel):
        c_text = lambda a: s.text[a[0]:a[1]]  # noqa: E731
        if c.name in ACQUIRE and MIXED.search(s.code[f.open:f.end]):
            # the storage also takes pages of another origin: not a
            # wrapper of the GUP call
            return None
        if c.name in ACQUIRE or c.name in acq:
            if c.name in ACQUIRE:
                fam, ci, pi = ACQUIRE[c.name]
                prim = (s.rel, f.name, c.name)
            else:
                w = acq[c.name]
                fam, ci, pi, prim = w['family'], w['count'], w['pages'], \
                    w['prim']
            if pi == 'return':
                pages = result_of(s, c)
                if not pages:
                    return None
            elif pi is None or pi >= len(c.args):
                return None
            else:
                pages = c_text(c.args[pi])
            r = root_of(pages)
            body = s.code[f.open:f.end]
            if r and r not in pnames:
                # a local stored into a parameter's field: p->pages = pages
                mt = re.search(r'\b(%s)\s*->\s*(\w+)\s*=\s*%s\s*;' % (
                    '|'.join(map(re.escape, [p for p in pnames if p])) or
                    '$^', re.escape(r)), body)
                if mt:
                    r, pages = mt.group(1), mt.group(1) + '->' + \
                        mt.group(2)
            res = result_of(s, c)
            returns_count = bool(res and re.search(
                r'\breturn\s+%s\s*;' % re.escape(res), body))
            if r in pnames:
                return dict(dir='acq', family=fam, pages=pnames.index(r),
                            count=(pnames.index(root_of(c_text(c.args[ci])))
                                   if ci is not None and ci < len(c.args)
                                   and root_of(c_text(c.args[ci])) in pnames
                                   else None),
                            returns_count=returns_count, prim=prim,
                            key_path=key_of(pages))
            if r and re.search(r'\breturn\s+%s\s*;' % re.escape(r), body):
                return dict(dir='acq', family=fam, pages='return',
                            count=None, returns_count=False, prim=prim,
                            key_path=key_of(pages))
            return None
        if c.name in RELEASE:
            fam, pi, ci, uns = RELEASE[c.name]
            prim = (s.rel, f.name, c.name)
        else:
            w = rel[c.name]
            fam, pi, ci, uns, prim = w['family'], w['pages'], w['count'], \
                w['unsigned'], w['prim']
        if pi is None or pi >= len(c.args):
            return None
        pages = c_text(c.args[pi])
        r = root_of(pages)
        if r and r not in pnames:
            # a local taken from a parameter: pages = tidbuf->pages + idx
            body = s.code[f.open:c.start]
            for mt in re.finditer(r'(?<![\w>.])%s\s*=([^=;][^;]*);' %
                                  re.escape(r), body):
                rr = root_of(re.sub(r'^.*[?:]\s*', '', mt.group(1)))
                if rr in pnames:
                    r, pages = rr, re.sub(r'^.*[?:]\s*', '', mt.group(1))
        if r not in pnames:
            return None
        cnt = None
        if ci is not None and ci < len(c.args):
            cr = squash(c_text(c.args[ci]))
            if cr in pnames:
                cnt = pnames.index(cr)
                decl = f.params[cnt][1]
                uns = uns and bool(re.search(
                    r'unsigned|size_t|\bu(32|64)\b|ulong', decl))
        return dict(dir='rel', family=fam, pages=pnames.index(r),
                    count=cnt, unsigned=uns if cnt is not None else False,
                    prim=prim, key_path=key_of(pages))

    def events(self, src, fn):
        """The acquisitions and releases in fn, primitives and wrappers."""
        d = os.path.dirname(src.rel)
        self.prepare_dir(d)
        acq, rel = self.acq_wrappers[d], self.rel_wrappers[d]
        names = (PRIMITIVES | set(acq) | set(rel)) - {fn.name}
        out = []
        for c in find_calls(src, fn, names):
            t = lambda a: src.text[a[0]:a[1]]  # noqa: E731
            if c.name in ACQUIRE or c.name in acq:
                if c.name in ACQUIRE:
                    fam, ci, pi = ACQUIRE[c.name]
                    prim, rc = (src.rel, fn.name, c.name), ci is not None
                    kp = None
                else:
                    w = acq[c.name]
                    fam, ci, pi, prim = w['family'], w['count'], \
                        w['pages'], w['prim']
                    rc, kp = w['returns_count'], w['key_path']
                res = result_of(src, c)
                if pi == 'return':
                    key = key_of(res) if res else None
                elif pi is not None and pi < len(c.args):
                    key = key_of(t(c.args[pi]))
                    if kp and kp != key and '->' not in t(c.args[pi]):
                        key = kp
                else:
                    key = None
                cnt = (c.args[ci] if ci is not None and ci < len(c.args)
                       else None)
                out.append(Event(call=c, kind='acq', family=fam, key=key,
                                 count=cnt, result=res, prim=prim,
                                 returns_count=rc))
            else:
                if c.name in RELEASE:
                    fam, pi, ci, uns = RELEASE[c.name]
                    prim, kp = (src.rel, fn.name, c.name), None
                else:
                    w = rel[c.name]
                    fam, pi, ci, uns, prim = w['family'], w['pages'], \
                        w['count'], w['unsigned'], w['prim']
                    kp = w['key_path']
                if pi is None or pi >= len(c.args):
                    continue
                key = key_of(t(c.args[pi]))
                if kp and kp != key and '->' not in t(c.args[pi]):
                    key = kp
                cnt = (c.args[ci] if ci is not None and ci < len(c.args)
                       else None)
                out.append(Event(call=c, kind='rel', family=fam, key=key,
                                 count=cnt, unsigned=uns, prim=prim))
        return out


def result_of(src, call):
    """The variable a call's result is assigned to: 'ret = f(...)'."""
    st = call.stmt
    if st is None or st.kind not in ('expr', 'return'):
        return None
    head = src.code[st.start:call.start]
    mt = re.search(r'([A-Za-z_][\w.\->\[\]]*)\s*=\s*(\([^()]*\)\s*)?$',
                   head)
    if not mt or head.rstrip().endswith('=='):
        return None
    return mt.group(1)


# --- paths --------------------------------------------------------------

def leaves(node):
    """A branch that leaves: it holds a return or goto at its top level."""
    kids = node.kids if node.kind == 'block' else [node]
    return any(k.kind in ('return', 'goto') for k in kids)


def mentions(src, span, var):
    if not var:
        return False
    return re.search(r'(?<![\w>.])%s(?!\w)' % re.escape(var),
                     src.code[span[0]:span[1]]) is not None


def zero_test(src, span, var):
    """The condition compares var with 0 only (var < 0, var > 0, !var)."""
    c = squash(src.code[span[0]:span[1]])
    v = re.escape(var)
    rest = re.sub(r'(?<![\w>.])%s\s*(<=|>=|<|>|==|!=)\s*0\b' % v, '', c)
    rest = re.sub(r'!\s*%s\b' % v, '', rest)
    rest = re.sub(r'\bIS_ERR(_OR_NULL)?\s*\(\s*%s\s*\)' % v, '', rest)
    return not re.search(r'(?<![\w>.])%s(?!\w)' % v, rest)


def positive_guard(src, span, var):
    c = squash(src.code[span[0]:span[1]])
    return re.search(r'(?<![\w>.])%s\s*(>|>=)\s*0\b' % re.escape(var), c)


def reassigned(src, var, a, b):
    """var is assigned between offsets a and b."""
    return re.search(r'(?<![\w>.])%s\s*=[^=]' % re.escape(var),
                     src.code[a:b]) is not None


def short_test(src, node, var):
    """'then' or 'else' when the if tests a count against the request."""
    c = squash(src.code[node.cond[0]:node.cond[1]])
    v = re.escape(var)
    if re.search(r'(?<![\w>.])%s\s*(!=(?!\s*0\b)|<(?!=?\s*0\b)|'
                 r'<=(?!\s*0\b))' % v, c) or \
            re.search(r'(!=|>)\s*%s(?!\w)' % v, c):
        return 'then'
    if re.search(r'(?<![\w>.])%s\s*==(?!\s*0\b)' % v, c) or \
            re.search(r'==\s*%s(?!\w)' % v, c):
        return 'else'
    return None


def unit_of(leaf):
    """The statement to delete or copy for a release call's statement: a
    loop around nothing else is part of it."""
    u = leaf
    while u.parent is not None and u.parent.kind == 'loop' and (
            u.parent.body is u or (u.parent.body.kind == 'block' and
                                   u.parent.body.kids == [u])):
        u = u.parent
    while u.parent is not None and u.parent.kind == 'block' and \
            u.parent.kids == [u] and u.parent.parent is not None and \
            u.parent.parent.kind == 'loop':
        u = u.parent.parent
    return u


def guard_of(u):
    """The if whose only statement is u and that has no else."""
    p = u.parent
    if p is not None and p.kind == 'block' and p.kids == [u]:
        p = p.parent if p.parent is not None and p.parent.kind == 'if' \
            else None
        if p is not None and p.then is not u.parent:
            p = None
    if p is not None and p.kind == 'if' and p.els is None and \
            (p.then is u or p.then is u.parent):
        return p
    return None


def label_region(node):
    """Labels whose code flows into node within its block: walk back over
    the statements before it until one that never falls through.
    (labels, falls): falls is False when a return or goto comes first."""
    p = node.parent
    labels = []
    for k in reversed(p.kids[:p.kids.index(node)]):
        if k.kind == 'label':
            labels.append(k.name)
            continue
        if k.kind in ('return', 'goto', 'break', 'continue'):
            return labels, False
    return labels, True


def gotos(fn, names):
    return [n for n in fn.body.walk() if n.kind == 'goto' and
            n.name in names]


# --- the edits ----------------------------------------------------------

class Edit:
    def __init__(self, kind, src, fn, spans, rule, rules=None, note='',
                 counterpart=None, release_fn=None, at=None):
        self.kind, self.src, self.fn = kind, src, fn
        self.spans = sorted(trim(src.text, x) for x in spans)
        self.rule = rule
        self.rules = rules or [rule]
        self.note = note
        self.counterpart = counterpart or []   # [(file, function)]
        self.release_fn = release_fn           # (file, function)
        self.at = self.spans[0][0] if at is None else at
        self.line = src.line(self.at)
        self.reach = None
        self.expected = []

    def apply(self, text):
        out, last = [], 0
        for a, b, new in self.spans:
            out.append(text[last:a])
            out.append(new)
            last = b
        out.append(text[last:])
        return ''.join(out)

    def new_lines(self, text):
        """The lines of the edited text that the change touches."""
        out, delta = set(), 0
        new_text = self.apply(text)
        for a, b, new in self.spans:
            s = a + delta
            e = max(s, s + len(new) - 1)
            first = new_text.count('\n', 0, s) + 1
            out.update(range(first, first + new_text.count('\n', s, e) + 1))
            delta += len(new) - (b - a)
        return out

    def ident(self):
        h = hashlib.sha1(repr([(a, b, n) for a, b, n in self.spans])
                         .encode()).hexdigest()[:8]
        return '%s:%s:%d:%s' % (self.kind, self.src.rel, self.line, h)

    def describe(self):
        text = self.src.text
        parts = []
        for a, b, new in self.spans:
            old = squash(text[a:b])
            parts.append('%r -> %r' % (old[:70], squash(new)[:70]))
        return '; '.join(parts)


def trim(text, span):
    """A replacement keeps the blanks around the text it replaces."""
    a, b, new = span
    if not new or not new.strip() or new == ';':
        return span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b, new)


def delete_span(src, node):
    """Delete a statement: its whole lines when it has them alone, with
    the newlines kept so that the lines after it keep their numbers."""
    t = src.text
    a, b = node.start, node.end
    if node.parent is not None and node.parent.kind != 'block':
        return (a, b, ';')
    ls = t.rfind('\n', 0, a) + 1
    le = t.find('\n', b)
    le = len(t) if le < 0 else le
    if not t[ls:a].strip() and not t[b:le].strip():
        return (ls, le, '\n' * t.count('\n', ls, le))
    return (a, b, '')


def one_line(src, node):
    return squash(src.text[node.start:node.end])


class Generator:
    def __init__(self, tree):
        self.tree = tree
        self._prims = {}

    # counterparts: where the other half of the pages' life is
    def prims(self, rel):
        """[(function, call name, key)] of the primitives in a file."""
        if rel not in self._prims:
            s = self.tree.source(rel)
            out = []
            for f in s.functions:
                for c in find_calls(s, f, PRIMITIVES):
                    if c.name in ACQUIRE:
                        pi = ACQUIRE[c.name][2]
                    else:
                        pi = RELEASE[c.name][1]
                    k = (key_of(s.text[c.args[pi][0]:c.args[pi][1]])
                         if pi < len(c.args) else None)
                    out.append((f.name, c.name, k))
            self._prims[rel] = out
        return self._prims[rel]

    def find_prim(self, src, fn, family, key, want):
        """(file, function) of a primitive of the family ('acq' or
        'rel'): in the function, else in its file, else in its
        directory; in each, one on the same key first."""
        d = os.path.dirname(src.rel)
        fams = PIN_FAMILY if family in PIN_FAMILY else ('get',)
        tab = ACQUIRE if want == 'acq' else RELEASE
        others = [r for r in self.tree.dir_files(d) if r != src.rel]
        mine = [p for p in self.prims(src.rel) if p[1] in tab and
                tab[p[1]][0] in fams]
        scopes = [[(src.rel, p) for p in mine if p[0] == fn.name],
                  [(src.rel, p) for p in mine if p[0] != fn.name],
                  [(r, p) for r in others for p in self.prims(r)
                   if p[1] in tab and tab[p[1]][0] in fams]]
        for sc in scopes:
            keyed = [x for x in sc if key and x[1][2] == key]
            for r, p in keyed or sc:
                return (r, p[0])
        return None

    def edits(self, src):
        out = []
        for fn in src.functions:
            ev = self.tree.events(src, fn)
            if not ev:
                continue
            acqs = [e for e in ev if e.kind == 'acq']
            rels = [e for e in ev if e.kind == 'rel']
            out += self.swaps(src, fn, ev)
            out += self.paths(src, fn, acqs, rels)
            out += self.pinned_tests(src, fn, ev)
        out += self.pinned_flags(src)
        seen, uniq = set(), []
        for e in out:
            k = tuple(e.spans)
            if k not in seen:
                seen.add(k)
                uniq.append(e)
        for e in uniq:
            self.classify(e)
        return uniq

    def swaps(self, src, fn, ev):
        out = []
        t = src.text
        for e in ev:
            c = e.call
            if c.name not in RELEASE and c.name not in ACQUIRE:
                continue
            if c.name in ('unpin_user_page', 'unpin_folio'):
                new = 'put_page' if c.name == 'unpin_user_page' \
                    else 'folio_put'
                cp = self.find_prim(src, fn, 'pin', e.key, 'acq')
                out.append(Edit('swap-release', src, fn,
                                [(c.start, c.open, new)],
                                'gup/pin-put-mismatch', counterpart=[cp],
                                release_fn=(src.rel, fn.name)))
            elif c.name in ('unpin_user_pages',
                            'unpin_user_pages_dirty_lock') and \
                    len(c.args) >= 2:
                # release_pages(pages, n): the dirty flag goes
                spans = [(c.start, c.open, 'release_pages')]
                if len(c.args) == 3:
                    spans.append((c.args[1][1], c.args[2][1], ''))
                cp = self.find_prim(src, fn, 'pin', e.key, 'acq')
                out.append(Edit('swap-release', src, fn, spans,
                                'gup/pin-put-mismatch', counterpart=[cp],
                                release_fn=(src.rel, fn.name)))
            elif c.name == 'unpin_user_folio' and len(c.args) == 2 and \
                    squash(t[c.args[1][0]:c.args[1][1]]) == '1':
                cp = self.find_prim(src, fn, 'pin', e.key, 'acq')
                out.append(Edit('swap-release', src, fn,
                                [(c.start, c.open, 'folio_put'),
                                 (c.args[0][1], c.args[1][1], '')],
                                'gup/pin-put-mismatch', counterpart=[cp],
                                release_fn=(src.rel, fn.name)))
            elif c.name in SWAP_ACQ:
                cp = self.find_prim(src, fn, 'pin', e.key, 'rel')
                if cp is None:
                    continue
                out.append(Edit('swap-acquisition', src, fn,
                                [(c.start, c.open, SWAP_ACQ[c.name])],
                                'gup/get-unpin-mismatch', counterpart=[cp],
                                release_fn=cp))
        return out

    def origins(self, src, fn, node, var, seen=None, accum=False):
        """How the path reaches node: [(if, branch, goto or None,
        guards)], the nearest if whose branch leaves (returns or jumps)
        and holds node, or, for code after labels, that of each goto to
        them; guards are the ifs on the way that test var against 0
        (they are part of the error path, not where it starts)."""
        seen = set() if seen is None else seen
        res, guards = [], []
        cur = node
        while cur.parent is not None:
            p = cur.parent
            if p.kind == 'if' and (p.then is cur or p.els is cur):
                br = 'then' if p.then is cur else 'else'
                if var and mentions(src, p.cond, var) and \
                        zero_test(src, p.cond, var) and \
                        not short_test(src, p, var) and not (
                            accum and leaves(cur)):
                    guards.append((p, br))
                elif leaves(cur):
                    return [(p, br, None, guards)]
            if p.kind == 'block':
                labels, falls = label_region(cur)
                if labels:
                    for g in gotos(fn, labels):
                        if g.start in seen:
                            continue
                        seen.add(g.start)
                        for o in self.origins(src, fn, g, var, seen, accum):
                            res.append((o[0], o[1], g, guards + o[3]))
                    return res
                if not falls:
                    return []
            cur = p
        return []

    def paths(self, src, fn, acqs, rels):
        out = []
        if not acqs:
            return out
        for r in rels:
            leaf = r.call.stmt
            if leaf is None or leaf.kind != 'expr':
                continue
            u = unit_of(leaf)
            g = guard_of(u)
            # a guard testing the count or a flag belongs to the release
            ug = g if g is not None and not leaves(g.then) else u
            for a in acqs:
                if (a.family in PIN_FAMILY) != (r.family in PIN_FAMILY):
                    continue
                if not (a.key and a.key == r.key) and len(acqs) > 1:
                    continue
                if a.call.start > r.call.start and not self._in_loop(a):
                    continue
                var = a.result
                # pages of the iterations before, released when a later
                # call of a loop fails
                accum = bool(var) and self._in_loop(a) and \
                    not mentions(src, (ug.start, ug.end), var)
                ors = self.origins(src, fn, ug, var, accum=accum)
                kinds = []
                for (ifn, br, gt, guards) in ors:
                    if ifn.start <= a.call.start < ifn.end and \
                            ifn is not a.call.stmt:
                        continue
                    if ifn.end <= a.call.start and ifn is not a.call.stmt:
                        # a test before the acquisition: a later loop
                        # iteration at most
                        if not (self._in_loop(a) and ifn.start >
                                self._loop_of(a).start):
                            continue
                    k = self._kind(src, a, r, ifn, br, var)
                    if k:
                        kinds.append((k, ifn, br, gt, guards))
                if not kinds:
                    continue
                short = [k for k in kinds if k[0] == 'short']
                kind = 'short' if short else 'full'
                cp = [a.prim[:2], r.prim[:2]]
                relf = r.prim[:2]
                # drop-release-*
                out.append(Edit('drop-release-' + kind, src, fn,
                                [delete_span(src, ug)], 'gup/leak',
                                counterpart=cp, release_fn=relf,
                                note=self._note(src, kinds[0])))
                if short:
                    out += self.count_edits(src, fn, a, r, ug, short, cp,
                                            relf)
                    out += self.negative_edits(src, fn, a, r, ug, short,
                                               cp, relf)
                out += self.twice_edits(src, fn, a, r, ug, kinds, cp,
                                        relf)
        return out

    def _note(self, src, k):
        ifn = k[1]
        return 'path: if (%s)%s' % (
            squash(src.text[ifn.cond[0]:ifn.cond[1]])[:60],
            ' goto %s' % k[3].name if k[3] is not None else '')

    def _loop_of(self, a):
        n = a.call.stmt
        while n is not None and n.kind != 'loop':
            n = n.parent
        return n

    def _in_loop(self, a):
        return self._loop_of(a) is not None

    def _kind(self, src, a, r, ifn, br, var):
        if ifn is a.call.stmt:
            # if (pin_user_pages(...) != n)
            c = squash(src.code[ifn.cond[0]:ifn.cond[1]])
            return 'short' if re.search(r'!=|<', c) and br == 'then' \
                else None
        if not var or not mentions(src, ifn.cond, var):
            return 'full'
        if reassigned(src, var, a.call.stmt.end, ifn.start):
            return 'full'        # the test is of a later call
        st = short_test(src, ifn, var)
        if st and a.returns_count and st == br:
            return 'short'
        if zero_test(src, ifn.cond, var) and self._in_loop(a):
            cnt = squash(src.text[r.count[0]:r.count[1]]) if r.count \
                else None
            if cnt != var:
                return 'full'    # the pages of the iterations before
        return None

    def _count_expr(self, src, r, u):
        """(start, end) of the count a release unit uses: the count
        argument, or the bound of 'for (i = 0; i < n; i++)'."""
        if r.count is not None:
            return r.count
        if u.kind == 'loop' and u.cond:
            h = src.code[u.cond[0]:u.cond[1]]
            mt = re.match(r'\s*(\w+)\s*=\s*0\s*;\s*\1\s*<\s*([^;]+?)\s*;',
                          h)
            if mt:
                return (u.cond[0] + mt.start(2), u.cond[0] + mt.end(2))
        return None

    def _assigned_from(self, src, fn, var, gt, ifn, v):
        """The statement 'v = var;' on the path: in the branch before the
        goto."""
        scope = ifn.then if ifn.then else ifn
        for n in scope.walk():
            if n.kind == 'expr' and (gt is None or n.start < gt.start):
                if re.fullmatch(r'\s*%s\s*=\s*%s\s*;\s*' % (
                        re.escape(v), re.escape(var)),
                        src.code[n.start:n.end]):
                    return n
        return None

    def count_edits(self, src, fn, a, r, ug, short, cp, relf):
        out = []
        var = a.result
        ce = self._count_expr(src, r, unit_of(r.call.stmt))
        if not var or ce is None or a.count is None:
            return out
        cnt = squash(src.text[ce[0]:ce[1]])
        req = squash(src.code[a.count[0]:a.count[1]])
        for (_, ifn, br, gt, guards) in short:
            if cnt == var:
                out.append(Edit('release-count', src, fn,
                                [(ce[0], ce[1], req)], 'gup/leak',
                                counterpart=cp, release_fn=relf,
                                note='count %s -> %s' % (var, req)))
                break
            asg = self._assigned_from(src, fn, var, gt, ifn, cnt)
            if asg is not None and cnt == req:
                out.append(Edit('release-count', src, fn,
                                [delete_span(src, asg)], 'gup/leak',
                                counterpart=cp, release_fn=relf,
                                note='%s keeps the request' % cnt))
                break
        return out

    def negative_edits(self, src, fn, a, r, ug, short, cp, relf):
        out = []
        var = a.result
        if not var or not r.unsigned or r.count is None:
            return out
        cnt = squash(src.text[r.count[0]:r.count[1]])
        for (_, ifn, br, gt, guards) in short:
            derived = cnt == var or (
                self._assigned_from(src, fn, var, gt, ifn, cnt) is not None)
            if not derived:
                continue
            names = {var, cnt}
            # (a) a guard between the test and the release, or on it
            gs = [g for g in guards]
            gu = guard_of(unit_of(r.call.stmt))
            if gu is not None:
                gs.append((gu, 'then'))
            for g, gbr in gs:
                if gbr != 'then':
                    continue
                cond = src.code[g.cond[0]:g.cond[1]]
                for v in names:
                    pg = positive_guard(src, g.cond, v)
                    if not pg:
                        continue
                    sp = self._drop_guard(src, g, v)
                    if sp:
                        out.append(Edit('release-negative', src, fn, sp,
                                        'gup/leak', counterpart=cp,
                                        release_fn=relf,
                                        note='guard %s dropped' %
                                        squash(cond)))
                        return out
            # (a') if (X > 0) V = X; [else V = 0;] on the path
            if cnt != var:
                for n in fn.body.walk():
                    if n.kind == 'if' and ifn.start <= n.start < ifn.end \
                            and positive_guard(src, n.cond, var) and \
                            n.then.kind == 'expr' and re.fullmatch(
                                r'\s*%s\s*=\s*%s\s*;\s*' % (
                                    re.escape(cnt), re.escape(var)),
                                src.code[n.then.start:n.then.end]):
                        out.append(Edit(
                            'release-negative', src, fn,
                            [(n.start, n.end, one_line(src, n.then))],
                            'gup/leak', counterpart=cp, release_fn=relf,
                            note='guard %s dropped' %
                            squash(src.code[n.cond[0]:n.cond[1]])))
                        return out
            # (b) a test of var against 0 on the path before the release
            for n in fn.body.walk():
                if n.kind != 'if' or n.start < a.call.start or \
                        n is ifn or n.start > r.call.start:
                    continue
                if not (mentions(src, n.cond, var) and
                        zero_test(src, n.cond, var)):
                    continue
                c = squash(src.code[n.cond[0]:n.cond[1]])
                if not re.search(r'%s\s*(<|<=)\s*0|IS_ERR' %
                                 re.escape(var), c):
                    continue
                if not leaves(n.then):
                    continue
                inside = ifn.start <= n.start < ifn.end
                before = n.end <= ifn.start or (n.els is ifn)
                if not (inside and (gt is None or n.end <= gt.start)
                        or before):
                    continue
                if n.els is not None and n.els is not ifn:
                    continue
                if n.els is ifn:
                    sp = [(n.start, ifn.start, '')]
                else:
                    sp = [delete_span(src, n)]
                out.append(Edit('release-negative', src, fn, sp,
                                'gup/leak', counterpart=cp, release_fn=relf,
                                note='test %s dropped' % c))
                return out
        return out

    def _drop_guard(self, src, g, v):
        """Spans that take the test of v off the if g."""
        cond = src.text[g.cond[0]:g.cond[1]]
        pat = r'(?<![\w>.])%s\s*(>|>=)\s*0\b' % re.escape(v)
        mt = re.search(r'\s*&&\s*' + pat, cond) or \
            re.search(pat + r'\s*&&\s*', cond)
        if mt:
            return [(g.cond[0] + mt.start(), g.cond[0] + mt.end(), '')]
        if not re.fullmatch(r'\s*(likely\s*\()?\s*' + pat + r'\s*\)?\s*',
                            cond):
            return None
        # if (v > 0) X [else Y]  ->  X
        sp = [(g.start, g.cond[1] + 1, '')]
        if g.els is not None:
            sp.append((g.else_at, g.els.end, ''))
        return sp

    def twice_edits(self, src, fn, a, r, ug, kinds, cp, relf):
        out = []
        text = one_line(src, ug)
        if re.search(r'\+\+|--', re.sub(r'^for\s*\([^;]*;[^;]*;[^)]*\)',
                                        '', text)):
            return out
        if ug.kind == 'loop' and not re.match(r'for\s*\(\s*\w+\s*=', text):
            return out
        # the tests the release is under in the label's code go with it
        n = ug
        while n.parent is not None and not (
                n.parent.kind == 'block' and
                any(k.kind == 'label' for k in n.parent.kids)):
            p = n.parent
            if p.kind == 'if':
                if p.then is not n:
                    return out
                text = 'if (%s) %s' % (squash(src.text[p.cond[0]:
                                                       p.cond[1]]), text)
            elif p.kind != 'block':
                return out
            n = p
        if n.parent is None:
            return out
        for (k, ifn, br, gt, guards) in kinds:
            if gt is None or not self._in_scope(src, ug, gt):
                continue
            t = src.text
            ls = t.rfind('\n', 0, gt.start) + 1
            indent = t[ls:gt.start]
            if gt.parent is not None and gt.parent.kind == 'block':
                if indent.strip():
                    continue
                sp = (ls, ls, indent + text + '\n')
                # inserted before the goto's line: one line more below it
            else:
                sp = (gt.start, gt.end, '{ %s %s }' % (
                    text, squash(t[gt.start:gt.end])))
            out.append(Edit('release-twice', src, fn, [sp],
                            'gup/double-release', counterpart=cp,
                            release_fn=relf, at=gt.start,
                            note='before goto %s' % gt.name))
            break
        return out

    def _in_scope(self, src, unit, at):
        """The names unit uses are declared where at is: none of them is
        declared in a block that holds unit but not at."""
        names = set(re.findall(r'(?<![\w>.])([A-Za-z_]\w*)(?!\s*\()',
                               src.code[unit.start:unit.end]))
        b = unit.parent
        while b is not None:
            if b.kind == 'block' and not (b.start <= at.start < b.end):
                head = src.code[b.start:unit.start]
                for v in names:
                    if re.search(r'[\w*]\s+\**\s*%s\s*[;=,\[]' %
                                 re.escape(v), head):
                        return False
            b = b.parent
        return True

    def pinned_tests(self, src, fn, ev):
        """if (pinned) unpin(...) [else put(...)]: the test removed."""
        out = []
        rels = [e for e in ev if e.kind == 'rel']
        for n in fn.body.walk():
            if n.kind != 'if':
                continue
            cond = src.code[n.cond[0]:n.cond[1]]
            if not PINNED_TEST.search(cond) or re.search(
                    r"==|!=|<|(?<!-)>", cond):
                continue
            conj = None
            if '&&' in cond or '||' in cond:
                # if (same_page && pinned): only the pinned test goes
                parts = re.split(r'(&&)', cond)
                if '||' in cond or len(parts) != 3 or \
                        n.els is not None:
                    continue
                if PINNED_TEST.search(parts[2]) and \
                        not PINNED_TEST.search(parts[0]):
                    conj = (n.cond[0] + len(parts[0].rstrip()), n.cond[1])
                elif PINNED_TEST.search(parts[0]) and \
                        not PINNED_TEST.search(parts[2]):
                    conj = (n.cond[0], n.cond[0] + len(parts[0]) + 2 +
                            len(parts[2]) - len(parts[2].lstrip()))
                else:
                    continue
            inthen = [e for e in rels if n.then.start <= e.call.start <
                      n.then.end]
            inels = [e for e in rels if n.els is not None and
                     n.els.start <= e.call.start < n.els.end]
            neg = not any(e.family == 'pin' for e in inthen)
            pin_br, other = (inels, inthen) if neg else (inthen, inels)
            if not any(e.family == 'pin' for e in pin_br):
                continue
            key = next(e.key for e in pin_br if e.family == 'pin')
            cp = self.find_prim(src, fn, 'pin', key, 'acq')
            extract = cp is not None and self._extracts(cp) or \
                EXTRACT_FLAG.search(cond) is not None
            relf = next(e.prim[:2] for e in pin_br if e.family == 'pin')
            pin_node = n.els if neg else n.then
            oth_node = n.then if neg else n.els
            # the pinning release made unconditional
            rules = ['gup/extract-release', 'gup/get-unpin-mismatch']
            if not extract:
                rules.reverse()
            if conj:
                out.append(Edit('drop-pinned-test', src, fn,
                                [(conj[0], conj[1], '')],
                                rules[0], rules=rules, counterpart=[cp],
                                release_fn=relf, note='always unpin'))
                continue
            out.append(Edit('drop-pinned-test', src, fn,
                            [(n.start, n.end, src.text[pin_node.start:
                                                       pin_node.end])],
                            rules[0], rules=rules, counterpart=[cp],
                            release_fn=relf, note='always unpin'))
            if oth_node is not None and any(e.family == 'get'
                                            for e in other) or \
                    oth_node is not None and re.search(
                        r'put', src.code[oth_node.start:oth_node.end]):
                rules = ['gup/pin-put-mismatch', 'gup/extract-release']
                out.append(Edit('drop-pinned-test', src, fn,
                                [(n.start, n.end, src.text[oth_node.start:
                                                           oth_node.end])],
                                rules[0], rules=rules, counterpart=[cp],
                                release_fn=relf, note='always put'))
        return out

    def _extracts(self, cp):
        s = self.tree.source(cp[0])
        f = s.byname.get(cp[1])
        return f is not None and bool(find_calls(
            s, f, {'iov_iter_extract_pages'}))

    def pinned_flags(self, src):
        """flag = iov_iter_extract_will_pin(iter): the flag made true, so
        the release always unpins."""
        out = []
        for fn in src.functions:
            for c in find_calls(src, fn, {'iov_iter_extract_will_pin'}):
                st = c.stmt
                if st is None:
                    continue
                if st.kind == 'expr' and result_of(src, c):
                    out.append(Edit(
                        'drop-pinned-test', src, fn,
                        [(c.start, c.close + 1, 'true')],
                        'gup/extract-release',
                        rules=['gup/extract-release',
                               'gup/get-unpin-mismatch'],
                        counterpart=[self.find_prim(src, fn, 'extract',
                                                    None, 'acq')],
                        release_fn=self.find_prim(src, fn, 'pin', None,
                                                  'rel'),
                        note='pinned flag always set'))
                elif st.kind == 'if' and st.cond[0] <= c.start < \
                        st.cond[1] and st.els is None and \
                        re.search(r'PINNED|pinned|unpin',
                                  src.code[st.then.start:st.then.end]):
                    out.append(Edit(
                        'drop-pinned-test', src, fn,
                        [(st.start, st.end,
                          src.text[st.then.start:st.then.end])],
                        'gup/extract-release',
                        rules=['gup/extract-release',
                               'gup/get-unpin-mismatch'],
                        counterpart=[self.find_prim(src, fn, 'extract',
                                                    None, 'acq')],
                        release_fn=self.find_prim(src, fn, 'pin', None,
                                                  'rel'),
                        note='pinned flag always set'))
        return out

    def _is_ptr(self, f):
        """f is reached only through function pointers: its name, or that
        of every function of its file that calls it, is stored in a
        struct field ('.x = f' in an initializer, 'p->x = f')."""
        d = os.path.dirname(f[0])
        self.tree.prepare_dir(d)
        ptr = self.tree.fnptr[d]
        if f[1] in ptr:
            return True
        s = self.tree.source(f[0])
        callers = [g.name for g in s.functions if g.name != f[1] and
                   re.search(r'\b%s\s*\(' % re.escape(f[1]),
                             s.code[g.open:g.end])]
        return bool(callers) and all(c in ptr for c in callers)

    # reach
    def classify(self, e):
        d = os.path.dirname(e.src.rel)
        self.tree.prepare_dir(d)
        me = (e.src.rel, e.fn.name)
        cps = [c for c in e.counterpart if c]
        relf = e.release_fn or me
        if not cps:
            # nothing found in the directory: the pages come from
            # elsewhere
            e.reach = 'other-file'
        elif all(c == me for c in cps) and relf == me:
            e.reach = 'same-function'
        elif self._is_ptr(relf):
            e.reach = 'ops-table'
        elif any(c[0] != e.src.rel for c in cps + [relf]):
            e.reach = 'other-file'
        else:
            e.reach = 'wrapper'
        exp = {me} | set(cps) | {relf}
        # callers of the edited function in its file
        for f in e.src.functions:
            if f is not e.fn and re.search(
                    r'\b%s\s*\(' % re.escape(e.fn.name),
                    e.src.code[f.open:f.end]):
                exp.add((e.src.rel, f.name))
        e.expected = sorted(exp)
