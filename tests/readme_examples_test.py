#!/usr/bin/env python3
"""The README's worked examples, run: each `$ careergraph ...` line in a fenced block is run
from the source directory and its output compared with the lines under it. A line `...`
stands for lines the example leaves out (at the start, between two parts, at the end): the
parts it shows must then appear in that order, the first at the start of the output unless
a `...` comes before it, the last at the end unless one comes after it.

usage: readme_examples_test.py CAREERGRAPH_BINARY SOURCE_DIR
"""
import difflib
import shlex
import subprocess
import sys


def examples(readme):
    """(line number, command, expected lines) for each example."""
    lines = readme.split("\n")
    in_block = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_block = not in_block
            i += 1
            continue
        if in_block and line.startswith("$ careergraph "):
            start = i + 1
            j = start
            while j < len(lines) and not lines[j].startswith("```") and not lines[j].startswith("$ "):
                j += 1
            expected = lines[start:j]
            while expected and expected[-1] == "":
                expected.pop()
            yield start, line[2:], expected
            i = j
            continue
        i += 1


def matches(want, got):
    """Whether `got` is `want` with each `...` line standing for any run of lines."""
    parts, part = [], []
    for line in want:
        if line.strip() == "...":
            parts.append(part)
            part = []
        else:
            part.append(line)
    parts.append(part)
    if len(parts) == 1:
        return got == want
    head, tail, middle = parts[0], parts[-1], parts[1:-1]
    if got[: len(head)] != head or len(got) < len(head) + len(tail):
        return False
    if tail and got[len(got) - len(tail):] != tail:
        return False
    at, end = len(head), len(got) - len(tail)
    for p in middle:
        while at + len(p) <= end and got[at : at + len(p)] != p:
            at += 1
        if at + len(p) > end:
            return False
        at += len(p)
    return True


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with open(f"{source}/README.md", encoding="utf-8") as f:
        readme = f.read()
    failures = checked = 0
    for line_no, command, expected in examples(readme):
        argv = shlex.split(command)
        result = subprocess.run([binary] + argv[1:], cwd=source, capture_output=True, text=True, timeout=120)
        got = [g.rstrip() for g in (result.stdout + result.stderr).rstrip("\n").split("\n")]
        want = [e.rstrip() for e in expected]
        checked += 1
        if not matches(want, got):
            failures += 1
            print(f"README.md:{line_no}: `{command}` prints something else:")
            for d in difflib.unified_diff(want, got, "README", "actual", lineterm="", n=1):
                print("  " + d)
    print(f"{checked} README examples run, {failures} differ")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
