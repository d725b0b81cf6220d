#!/usr/bin/env python3
"""Fails when modules of a crate import each other in a cycle.

For every crate of the workspace, each source file is a module (src/a/b.rs and
src/a/b/mod.rs are `a::b`). Every path a file names through `crate::`, `super::` or
`self::` (in `use` lines and inline) is an edge from its module to the longest known module
the path starts with. An edge between a module and one of its own ancestors or descendants
does not count (a parent declares its children; a child may use what its parent
re-exports). Every other edge is projected onto the two sibling modules under the lowest
common ancestor (`jobs::drafts -> queries` counts as `jobs -> queries`), and a cycle among
siblings is an error: it means two parts of a layer depend on each other, so neither can
be read or changed alone.

Usage: scripts/check_cycles.py [crate dirs...]   (default: every crate of the workspace)
"""
import os
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def modules_of(src):
    """{module path tuple: file} for a crate's src dir."""
    mods = {}
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(root, f), src)
            parts = rel[:-3].split(os.sep)
            if parts[0] == "bin":
                continue
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            mods[tuple(parts)] = os.path.join(root, f)
    return mods


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def strip_tests(text):
    """Drops `#[cfg(test)] mod tests { ... }` blocks: tests may reach anywhere."""
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i:m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def expand(prefix, body):
    """Paths in a `use` brace group: `a::{b, c::{d, e}}` -> a::b, a::c::d, a::c::e."""
    paths, depth, cur = [], 0, ""
    for ch in body + ",":
        if ch == "," and depth == 0:
            item = cur.strip()
            cur = ""
            if not item:
                continue
            m = re.match(r"(" + IDENT + r"(?:::" + IDENT + r")*)::\{(.*)\}$", item, re.S)
            if m:
                paths += expand(prefix + m.group(1).split("::"), m.group(2))
            else:
                first = re.match(r"(" + IDENT + r"(?:::" + IDENT + r")*)", item)
                if first:
                    paths.append(prefix + first.group(1).split("::"))
                elif item.startswith("*"):
                    paths.append(prefix)
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    return paths


def references(module, text):
    """Absolute module paths (lists) a file refers to."""
    refs = []
    head = r"((?:super::)+|crate::|self::)"
    for m in re.finditer(head + r"((?:" + IDENT + r"::)*)(\{)?", text):
        kind, rest, brace = m.group(1), m.group(2), m.group(3)
        if kind == "crate::":
            start = []
        elif kind == "self::":
            start = list(module)
        else:
            ups = kind.count("super::")
            start = list(module[: max(len(module) - ups, 0)])
        segs = [s for s in rest.split("::") if s]
        if brace:
            depth, j = 1, m.end()
            while j < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            refs += expand(start + segs, text[m.end(): j - 1])
        else:
            tail = re.match(IDENT, text[m.end():])
            refs.append(start + segs + ([tail.group(0)] if tail else []))
    return refs


def resolve(path, mods):
    for n in range(len(path), -1, -1):
        if tuple(path[:n]) in mods:
            return tuple(path[:n])
    return ()


def find_cycles(edges):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    nodes = set(edges) | {b for bs in edges.values() for b in bs}

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def check_crate(src):
    mods = modules_of(src)
    edges, why = {}, {}
    for module, path in mods.items():
        text = strip_tests(strip_comments(open(path, encoding="utf-8").read()))
        for ref in references(module, text):
            target = resolve(ref, mods)
            if target == module:
                continue
            n = 0
            while n < min(len(target), len(module)) and target[n] == module[n]:
                n += 1
            if n == len(target) or n == len(module):
                continue  # ancestor or descendant
            a, b = module[: n + 1], target[: n + 1]
            edges.setdefault(a, set()).add(b)
            why.setdefault((a, b), f"{os.path.relpath(path)} -> {'::'.join(ref)}")
    problems = []
    for comp in find_cycles(edges):
        names = ", ".join("::".join(c) or "crate" for c in comp)
        detail = [why[(a, b)] for a in comp for b in comp if (a, b) in why]
        problems.append(f"{src}: import cycle among {names}\n    " + "\n    ".join(detail))
    return problems


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    crates = sys.argv[1:] or [
        os.path.join(root, d)
        for d in ["src-tauri"] + [os.path.join("crates", c) for c in sorted(os.listdir(os.path.join(root, "crates")))]
    ]
    problems = []
    for c in crates:
        src = os.path.join(c, "src")
        if os.path.isdir(src):
            problems += check_crate(src)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"no import cycles in {len(crates)} crates")


if __name__ == "__main__":
    main()
