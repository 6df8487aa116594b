#!/usr/bin/env python3
"""Benchmark copydesk against its peers on a generated _posts/ tree; print a table of ratios.

    python bench/bench.py                       # 1,000 and 10,000 posts, 3 runs each
    python bench/bench.py --sizes 1000 --runs 1 # a quick look
    python bench/bench.py --no-peers            # copydesk and the Python floor only

The corpus is built by ``make_corpus.py`` from the seed posts (``../shared/bench`` and
``../shared/seeds`` beside the clone, or ``--make-corpus``/``--seeds``). Peers are installed
into the work folder from the npm registry (markdownlint-cli2) when ``npm`` is available.
Every figure is the median wall time of several runs; ratios are taken within one run of this
script, because the machine is shared and absolute seconds are noise.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
MARKDOWNLINT = "markdownlint-cli2@0.22.1"

FLOOR = r'''
import os, re, sys
pattern = re.compile(r"\(\s*(?:,\s*)*\)|\[\]\([^)]*\)")
arg = sys.argv[1]
paths = [arg] if os.path.isfile(arg) else [os.path.join(root, name)
         for root, _, names in os.walk(arg) for name in names if name.endswith(".md")]
hits = 0
for path in paths:
    with open(path, encoding="utf-8") as handle:
        hits += sum(1 for _ in pattern.finditer(handle.read()))
print(len(paths), "files", hits, "matches")
'''


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, the largest process) of one run."""
    timer = shutil.which("time") or "/usr/bin/time"
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [timer, "-f", "%M", "-o", report.name, *command] if os.path.exists(timer) else command
        start = time.perf_counter()
        subprocess.run(wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        text = report.read().strip().splitlines()
    peak = int(text[-1]) / 1024 if text and text[-1].isdigit() else float("nan")
    return wall, peak


def median_of(runs: int, command, cwd, env=None, before=None) -> tuple[float, float]:
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(measure(command, cwd, env))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def copydesk_command() -> tuple[list[str], dict]:
    """The installed ``copydesk`` if there is one, else this checkout through ``python -m linters``."""
    installed = shutil.which("copydesk")
    if installed:
        return [installed], dict(os.environ)
    return [sys.executable, "-m", "linters"], {**os.environ, "PYTHONPATH": str(REPO)}


def build_corpus(make_corpus: Path, seeds: Path, folder: Path, count: int) -> Path:
    posts = folder / "_posts"
    if posts.is_dir() and sum(1 for _ in posts.rglob("*.md")) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, str(make_corpus), str(folder), "-n", str(count), "--seeds", str(seeds)],
                   check=True, stdout=subprocess.DEVNULL)
    return folder


def install_markdownlint(work: Path) -> Path | None:
    binary = work / "node" / "node_modules" / ".bin" / "markdownlint-cli2"
    if binary.exists():
        return binary
    if not shutil.which("npm"):
        return None
    subprocess.run(["npm", "install", "--prefix", str(work / "node"), "--no-audit", "--no-fund",
                    "--loglevel=error", MARKDOWNLINT], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return binary if binary.exists() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "copydesk-bench")
    parser.add_argument("--make-corpus", type=Path, default=SHARED / "bench" / "make_corpus.py")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--no-peers", action="store_true", help="skip markdownlint-cli2")
    args = parser.parse_args()
    if not args.make_corpus.is_file() or not args.seeds.is_dir():
        parser.error("make_corpus.py or the seeds were not found; pass --make-corpus and --seeds")
    sizes = sorted(int(size) for size in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    corpora = {n: build_corpus(args.make_corpus, args.seeds, args.work / f"corpus-{n}", n) for n in sizes}
    largest, smallest = corpora[sizes[-1]], corpora[sizes[0]]
    one_file = str(next((smallest / "_posts").rglob("2025-01-01-post-0-*.md")).relative_to(smallest))
    for corpus in corpora.values():  # warm the page cache
        for path in (corpus / "_posts").rglob("*.md"):
            path.read_bytes()

    copydesk, env = copydesk_command()
    cold = [*copydesk, "check", "_posts", "--no-cache", "--quiet"]
    warm = [*copydesk, "check", "_posts", "--quiet"]
    rows: dict[str, tuple[float, float]] = {}
    for n, corpus in corpora.items():
        rows[f"copydesk cold, {n}"] = median_of(args.runs, cold, corpus, env)
        shutil.rmtree(corpus / ".copydesk_cache", ignore_errors=True)
        measure(warm, corpus, env)  # prime the cache
        rows[f"copydesk warm cache, {n}"] = median_of(args.runs, warm, corpus, env)
        rows[f"python floor, {n}"] = median_of(args.runs, [sys.executable, "-c", FLOOR, "_posts"], corpus)
    rows[f"copydesk cold --jobs 1, {sizes[-1]}"] = median_of(args.runs, [*cold, "--jobs", "1"], largest, env)
    rows["copydesk one file"] = median_of(max(5, args.runs), [*copydesk, "check", one_file, "--no-cache"], smallest, env)
    rows["python -c pass"] = median_of(max(5, args.runs), [sys.executable, "-c", "pass"], smallest)
    markdownlint = None if args.no_peers else install_markdownlint(args.work)
    if markdownlint:
        for n, corpus in corpora.items():
            rows[f"markdownlint-cli2, {n}"] = median_of(args.runs, [str(markdownlint), "_posts/**/*.md"], corpus)
        rows["markdownlint-cli2 one file"] = median_of(max(5, args.runs), [str(markdownlint), one_file], smallest)

    print(f"\n| measurement | median wall s | peak MB |\n|---|---:|---:|")
    for name, (wall, peak) in rows.items():
        print(f"| {name} | {wall:.2f} | {peak:.0f} |")
    big = sizes[-1]

    def ratio(a: str, b: str) -> str:
        return f"{rows[a][0] / rows[b][0]:.2f}" if a in rows and b in rows else "n/a"

    print("\n| ratio | value | target |\n|---|---:|---|")
    print(f"| markdownlint-cli2 / copydesk cold, {big} | {ratio(f'markdownlint-cli2, {big}', f'copydesk cold, {big}')} | ≥ 8 |")
    print(f"| copydesk cold / python floor, {big} | {ratio(f'copydesk cold, {big}', f'python floor, {big}')} | ≤ 10 |")
    print(f"| copydesk warm / cold, {big} | {ratio(f'copydesk warm cache, {big}', f'copydesk cold, {big}')} | < 0.1 |")
    print(f"| copydesk one file / markdownlint-cli2 one file | {ratio('copydesk one file', 'markdownlint-cli2 one file')} | < 0.33 |")
    if len(sizes) > 1:
        print(f"| copydesk cold {big} / {sizes[0]} | {ratio(f'copydesk cold, {big}', f'copydesk cold, {sizes[0]}')} | ≤ {11 * big // sizes[0] // 10} |")
    print(f"| copydesk --jobs 1 / all cores, {big} | {ratio(f'copydesk cold --jobs 1, {big}', f'copydesk cold, {big}')} | > 1 (cores used) |")
    print(f"| copydesk peak memory, {big} | {rows[f'copydesk cold, {big}'][1]:.0f} MB | < 200 MB |")
    print(f"\nMachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; median of {args.runs} runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
