#!/usr/bin/env python3
"""Benchmark copydesk against its peers on a generated _posts/ tree; print a table of ratios.

    python bench/bench.py                          # 1,000 and 10,000 posts, 3 runs each
    python bench/bench.py --sizes 1000 --runs 1    # a quick look (a minute or two)
    python bench/bench.py --peers none             # copydesk and the Python floor only
    python bench/bench.py --peers markdownlint-cli2 rumdl textlint pymarkdown

The corpus is built by ``make_corpus.py`` from the seed posts (``../shared/bench`` and
``../shared/seeds`` beside the clone, or ``--make-corpus``/``--seeds``). copydesk is installed
from this checkout into a fresh virtualenv in the work folder, as pre-commit installs it (or,
with ``--no-venv``, run from the checkout); peers come from the npm registry and PyPI. Every
linter that copydesk registers runs with its default rules, so a newly merged linter is
measured without touching this script. Figures are median wall times; ratios are taken within
one run of this script, because the machine is shared and absolute seconds are noise. Peak
memory is that of the largest process (a worker or the parent).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
NPM_PEERS = {"markdownlint-cli2": ["markdownlint-cli2@0.22.1"],
             "textlint": ["textlint@15.8.0", "textlint-rule-no-todo@2.0.1"]}
# rumdl: the fastest Markdown linter there is (Rust), run cold (--no-cache) with its default rules.
PYPI_PEERS = {"pymarkdown": "pymarkdownlnt==0.9.41", "rumdl": "rumdl==0.3.0"}

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


def measure(command: list[str], cwd: Path, env: dict | None, timeout: float) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MB, of the largest process) and CPU seconds (user + system, all
    processes) of one run. On a shared machine the CPU time says what the wall time would be alone."""
    timer = "/usr/bin/time"
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [timer, "-f", "%M %U %S", "-o", report.name, *command] if os.path.exists(timer) else command
        start = time.perf_counter()
        try:
            subprocess.run(wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout)
        except subprocess.TimeoutExpired:
            return float("inf"), float("nan"), float("nan")
        wall = time.perf_counter() - start
        fields = (report.read().strip().splitlines() or [""])[-1].split()
    if len(fields) != 3:
        return wall, float("nan"), float("nan")
    return wall, int(fields[0]) / 1024, float(fields[1]) + float(fields[2])


def median_of(runs: int, command, cwd, env, timeout) -> tuple[float, float, float]:
    results = [measure(command, cwd, env, timeout) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), max(r[1] for r in results),
            statistics.median(r[2] for r in results))


def user_environment() -> dict:
    """The environment a user runs copydesk in: bytecode (and parsed rule packs) are kept."""
    return {key: value for key, value in os.environ.items()
            if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}


def copydesk_command(work: Path, use_venv: bool) -> tuple[list[str], dict]:
    """``copydesk`` installed from this checkout into a fresh virtualenv, or the checkout itself."""
    env = user_environment()
    if not use_venv:
        return [sys.executable, "-m", "linters"], {**env, "PYTHONPATH": str(REPO)}
    venv = work / "venv-copydesk"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not (venv / "bin" / "copydesk").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([*pip, str(REPO)], check=True, env=env)
    else:  # the checkout as it is now, even when its version number did not change, and any new dependency
        subprocess.run([*pip, "--force-reinstall", "--no-deps", str(REPO)], check=True, env=env)
        subprocess.run([*pip, str(REPO)], check=True, env=env)
    return [str(venv / "bin" / "copydesk")], env


def build_corpus(make_corpus: Path, seeds: Path, folder: Path, count: int) -> Path:
    posts = folder / "_posts"
    if posts.is_dir() and sum(1 for _ in posts.rglob("*.md")) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, str(make_corpus), str(folder), "-n", str(count), "--seeds", str(seeds)],
                   check=True, stdout=subprocess.DEVNULL)
    return folder


def install_peer(name: str, work: Path) -> list[str] | None:
    """The command of a peer, installed into the work folder if missing; None if it cannot be."""
    if name in NPM_PEERS:
        binary = work / "node" / "node_modules" / ".bin" / name
        if not binary.exists() and shutil.which("npm"):
            subprocess.run(["npm", "install", "--prefix", str(work / "node"), "--no-audit", "--no-fund",
                            "--loglevel=error", *NPM_PEERS[name]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [str(binary)] if binary.exists() else None
    if name in PYPI_PEERS:
        venv = work / "venv-peers"
        binary = venv / "bin" / name
        if not binary.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], stdout=subprocess.DEVNULL)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", PYPI_PEERS[name]],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [str(binary)] if binary.exists() else None
    raise SystemExit(f"unknown peer {name!r}; known: {', '.join([*NPM_PEERS, *PYPI_PEERS])}")


def peer_arguments(name: str, target: str) -> list[str]:
    """Arguments to lint a file, or with ``_posts`` the whole tree."""
    if name == "markdownlint-cli2":
        return ["_posts/**/*.md" if target == "_posts" else target]
    if name == "textlint":
        return ["--rule", "no-todo", target]
    if name == "rumdl":
        return ["check", "--no-cache", "--no-config", "--quiet", target]
    return ["scan", "-r", target] if target == "_posts" else ["scan", target]


def linters_measured(copydesk: list[str], env: dict) -> list[str]:
    rules = json.loads(subprocess.run([*copydesk, "rules", "--format", "json"], env=env, capture_output=True,
                                      text=True, check=True, cwd=tempfile.gettempdir()).stdout)
    return sorted({rule["linter"] for rule in rules})


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() if shutil.which("node") else "none"
    return (f"{os.cpu_count()} cores{' (' + model + ')' if model else ''}, {platform.system()}, "
            f"Python {platform.python_version()}, Node {node}")


def sizes_argument(values: list[str]) -> list[int]:
    return sorted({int(part) for value in values for part in value.split(",") if part.strip()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1000", "10000"], help="corpus sizes (default: 1000 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median; default 3)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "copydesk-bench")
    parser.add_argument("--make-corpus", type=Path, default=SHARED / "bench" / "make_corpus.py")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--peers", nargs="+", default=["markdownlint-cli2", "rumdl"],
                        help="peers to time: markdownlint-cli2, rumdl, textlint, pymarkdown, or none")
    parser.add_argument("--no-venv", action="store_true", help="run copydesk from this checkout, not a fresh virtualenv")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one run is given up")
    args = parser.parse_args()
    if not args.make_corpus.is_file() or not args.seeds.is_dir():
        parser.error("make_corpus.py or the seeds were not found; pass --make-corpus and --seeds")
    sizes = sizes_argument(args.sizes)
    peers = [] if args.peers == ["none"] else args.peers
    args.work.mkdir(parents=True, exist_ok=True)
    corpora = {n: build_corpus(args.make_corpus, args.seeds, args.work / f"corpus-{n}", n) for n in sizes}
    big, small = sizes[-1], sizes[0]
    largest, smallest = corpora[big], corpora[small]
    one_file = str(next((smallest / "_posts").rglob("2025-01-01-post-0-*.md")).relative_to(smallest))
    for corpus in corpora.values():  # warm the page cache
        for path in (corpus / "_posts").rglob("*.md"):
            path.read_bytes()

    copydesk, env = copydesk_command(args.work, not args.no_venv)
    measured = linters_measured(copydesk, env)
    subprocess.run([*copydesk, "check", one_file, "--no-cache"], cwd=smallest, env=env,  # bytecode, packs
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cold = [*copydesk, "check", "_posts", "--no-cache", "--quiet"]
    warm = [*copydesk, "check", "_posts", "--quiet"]
    rows: dict[str, tuple[float, float, float]] = {}

    def run(name, command, cwd, environment=env, runs=args.runs):
        rows[name] = median_of(runs, command, cwd, environment, args.timeout)
        print(f"  {name}: {rows[name][0]:.2f} s", file=sys.stderr)

    for n, corpus in corpora.items():
        run(f"copydesk cold, {n}", cold, corpus)
        shutil.rmtree(corpus / ".copydesk_cache", ignore_errors=True)
        measure(warm, corpus, env, args.timeout)  # fill the cache
        run(f"copydesk warm cache, {n}", warm, corpus)
        run(f"python floor, {n}", [sys.executable, "-c", FLOOR, "_posts"], corpus, user_environment())
    run(f"copydesk cold --jobs 1, {big}", [*cold, "--jobs", "1"], largest)
    starts = max(5, args.runs)
    run("copydesk one file", [*copydesk, "check", one_file, "--no-cache"], smallest, runs=starts)
    run("python -c pass", [sys.executable, "-c", "pass"], smallest, user_environment(), runs=starts)
    for peer in peers:
        command = install_peer(peer, args.work)
        if command is None:
            print(f"  {peer}: could not be installed; skipped", file=sys.stderr)
            continue
        for n, corpus in corpora.items():
            run(f"{peer}, {n}", [*command, *peer_arguments(peer, "_posts")], corpus, user_environment())
        run(f"{peer} one file", [*command, *peer_arguments(peer, one_file)], smallest, user_environment(), runs=starts)

    print("\n| measurement | median wall s | peak MB | CPU s |\n|---|---:|---:|---:|")
    for name, (wall, peak, cpu) in rows.items():
        print(f"| {name} | {wall:.2f} | {peak:.0f} | {cpu:.2f} |")

    def ratio(a: str, b: str) -> str:
        return f"{rows[a][0] / rows[b][0]:.2f}" if a in rows and b in rows else "n/a"

    def cpu_ratio(a: str, b: str) -> str:
        return f"{rows[a][2] / rows[b][2]:.2f}" if a in rows and b in rows and rows[b][2] > 0 else "n/a"

    print("\n| ratio | value | target |\n|---|---:|---|")
    print(f"| markdownlint-cli2 / copydesk cold, {big} | {ratio(f'markdownlint-cli2, {big}', f'copydesk cold, {big}')} | ≥ 8 |")
    print(f"| copydesk cold / python floor, {big} | {ratio(f'copydesk cold, {big}', f'python floor, {big}')} | ≤ 10 |")
    cold_key, floor_key = f"copydesk cold, {big}", f"python floor, {big}"
    if cold_key in rows and floor_key in rows:
        per_core = rows[cold_key][2] / (os.cpu_count() or 1) / rows[floor_key][2]
        print(f"| the same by CPU seconds (copydesk's spread over {os.cpu_count()} cores) | {per_core:.2f} | ≤ 10 |")
    print(f"| copydesk warm / cold, {big} | {ratio(f'copydesk warm cache, {big}', f'copydesk cold, {big}')} | < 0.1 |")
    print(f"| copydesk one file / markdownlint-cli2 one file | "
          f"{ratio('copydesk one file', 'markdownlint-cli2 one file')} | < 0.33 |")
    if len(sizes) > 1:
        print(f"| copydesk cold {big} / {small} | {ratio(f'copydesk cold, {big}', f'copydesk cold, {small}')} "
              f"| ≤ {1.1 * big / small:g} |")
    print(f"| copydesk --jobs 1 / all cores, {big} | {ratio(f'copydesk cold --jobs 1, {big}', f'copydesk cold, {big}')} "
          f"| > 1 (cores used) |")
    print(f"| copydesk peak memory, {big} | {rows[f'copydesk cold, {big}'][1]:.0f} MB | < 200 MB |")
    for peer in peers:
        if peer != "markdownlint-cli2":
            print(f"| {peer} / copydesk cold, {big} | {ratio(f'{peer}, {big}', f'copydesk cold, {big}')} | |")
    for peer in peers:  # the same work on one core: what each would take on a machine of its own
        print(f"| copydesk cold / {peer}, {big}, by CPU seconds | "
              f"{cpu_ratio(f'copydesk cold, {big}', f'{peer}, {big}')} | |")
    installed = "a fresh virtualenv" if not args.no_venv else "the checkout"
    print(f"\nMachine: {machine()}. copydesk from {installed}, linters: {', '.join(measured)}; "
          f"median of {args.runs} runs ({starts} for one file).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
