"""``copydesk check --online`` against sites that answer as the real ones do, on 127.0.0.1
(``online_sites``), reached through ``--remap``: what a user sees for each outcome."""
from __future__ import annotations

import json

import pytest
from conftest import copydesk, write
from online_sites import DEAD_HOST, QUICK, Sites, require_client

from linters.packs.loading import load_builtin

POST = """---
title: Links
---

A [live page](https://www.acme-news.org/2020/05/launch), an [old story](https://www.acme-news.org/2019/03/old-story).
Invented: https://research.acme-labs.org/blog/2021/launching-atlas-v2 and <https://{dead}/page>.
Gone for good: https://www.acme-news.org/archive/removed
Soft 404: [pricing](https://www.acme-cloud.com/products/compute/pricing-2019); moved: https://www.acme-cloud.com/docs/start.
Unknown: https://www.acme-cloud.com/members/report https://www.acme-cloud.com/outage https://status.acme-cloud.com/always-busy https://slow.acme-news.org/x
Videos: https://www.youtube.com/watch?v=dQw4w9WgXcQ and https://youtu.be/Zx9kQp2LmNA and [Attention Is All You Need](https://www.youtube.com/watch?v=aircAruvnKk).
Papers: [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1706.03762), arXiv:2301.99999, [Attention is all you need](https://arxiv.org/abs/1706.03762v2) and [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385).
DOIs: [Deep Learning](https://doi.org/10.1038/nature14539), doi:10.1234/nothing.here and [The Annotated Transformer Guide](https://doi.org/10.48550/arXiv.1706.03762).

```
https://www.acme-news.org/in-code-404
```

Inline code is not prose either: `https://www.acme-news.org/inline-404`.
""".format(dead=DEAD_HOST)


@pytest.fixture
def sites():
    require_client()
    server = Sites().start()
    yield server
    server.stop()


def online(sites: Sites, *args, cwd, config: str = QUICK, **kwargs):
    write(cwd / ".copydesk.yaml", config)
    remaps = [item for remap in sites.remap for item in ("--remap", remap)]
    return copydesk("check", "--online", *remaps, *args, cwd=cwd, **kwargs)


def by_line(run) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for finding in run.json():
        found.setdefault(finding["line"], []).append((finding["code"], finding["message"]))
    return found


def test_each_outcome_is_reported_where_it_is_cited_and_unknowns_are_no_findings(sites, tmp_path):
    write(tmp_path / "post.md", POST)
    run = online(sites, "--format", "json", "--no-cache", "-v", "post.md", cwd=tmp_path)
    assert run.code == 1, run
    found = by_line(run)
    assert [code for code, _ in found[5]] == ["HAL501"]  # the live page is no finding
    assert "holds a copy, https://web.archive.org/web/20190101000000/https://www.acme-news.org/2019/03/old-story" \
        in found[5][0][1]
    assert [(code, "never saw it: likely invented" in message) for code, message in found[6]] == \
        [("HAL501", True), ("HAL501", True)]
    assert "does not resolve" in found[6][1][1]
    assert found[7] == [("HAL501", "dead link (410 Gone): the Wayback Machine never saw it: likely invented")]
    assert [code for code, _ in found[8]] == ["HAL504"]  # a redirect elsewhere than home is no finding
    assert 9 not in found  # 403, 503, 429 after its retries, a timeout: unknown, never a finding
    assert [code for code, _ in found[10]] == ["HAL502", "HAL503"]
    assert "YouTube video Zx9kQp2LmNA does not exist" in found[10][0][1]
    assert "'Attention Is All You Need' names another work: YouTube video aircAruvnKk is 'But what is" \
        in found[10][1][1]
    # the title is compared, not its case or the version; the right paper under its title is no finding
    assert [code for code, _ in found[11]] == ["HAL503", "HAL502"]
    assert "arXiv paper 1706.03762 is 'Attention Is All You Need'" in found[11][0][1]
    assert [code for code, _ in found[12]] == ["HAL502", "HAL503"]
    assert max(found) == 12  # nothing in code
    assert "Online: 20 links and identifiers verified: 9 exist, 7 missing, 4 unknown" in run.err
    assert [line for line in run.err.splitlines() if line.startswith("copydesk: redirected:")] == [
        "copydesk: redirected: https://www.acme-cloud.com/docs/start -> https://www.acme-cloud.com/docs/getting-started "
        "(cited at post.md:8)"]  # the soft 404 is a finding, not a redirect to list
    unknown = [line for line in run.err.splitlines() if line.startswith("copydesk: unknown:")]
    assert unknown == [
        "copydesk: unknown: https://www.acme-cloud.com/members/report: 403 Forbidden (cited at post.md:9)",
        "copydesk: unknown: https://www.acme-cloud.com/outage: 503 Service Unavailable (cited at post.md:9)",
        "copydesk: unknown: https://status.acme-cloud.com/always-busy: 429 Too Many Requests (cited at post.md:9)",
        "copydesk: unknown: https://slow.acme-news.org/x: no answer within 1 s (cited at post.md:9)"]


def test_the_text_report_counts_the_unknowns_and_says_how_to_list_them(sites, tmp_path):
    write(tmp_path / "post.md", POST)
    run = online(sites, "--no-cache", "post.md", cwd=tmp_path)
    assert run.code == 1, run
    assert "Online: 20 links and identifiers verified: 9 exist, 7 missing, 4 unknown (not findings; " \
           "--verbose lists them)." in run.out
    assert "1 fixable with --fix --unsafe-fixes." in run.out
    assert "copydesk: unknown:" not in run.err


def test_each_distinct_url_is_asked_once_and_a_second_run_asks_nothing_settled(sites, tmp_path):
    for name in ("a", "b", "c"):
        write(tmp_path / f"{name}.md", "---\ntitle: T\n---\n\nSee https://www.acme-news.org/2020/05/launch and "
                                      "https://www.acme-news.org/2019/03/old-story and https://www.acme-cloud.com/outage.\n")
    first = online(sites, ".", cwd=tmp_path)
    assert first.code == 1, first
    assert sites.asked("/www.acme-news.org/2020/05/launch") == 1
    assert sites.asked("/www.acme-news.org/2019/03/old-story") == 1
    assert sites.asked("wayback/available") == 1
    outage = sites.asked("/www.acme-cloud.com/outage")
    assert outage == 2  # a 5xx is tried again (retries: 1)
    second = online(sites, ".", cwd=tmp_path)
    assert second.code == 1, second
    assert sites.asked("/www.acme-news.org/2020/05/launch") == 1  # exists: kept 7 days
    assert sites.asked("/www.acme-news.org/2019/03/old-story") == 1  # missing: kept a day
    assert sites.asked("wayback/available") == 1
    assert sites.asked("/www.acme-cloud.com/outage") == 2 * outage  # unknown: never kept
    assert [line for line in second.out.splitlines() if "HAL501" in line] == \
        [line for line in first.out.splitlines() if "HAL501" in line]
    third = online(sites, ".", "--no-cache", cwd=tmp_path)
    assert third.code == 1
    assert sites.asked("/www.acme-news.org/2020/05/launch") == 2


def test_a_damaged_url_cache_is_ignored_as_if_absent(sites, tmp_path):
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nSee https://www.acme-news.org/2019/03/old-story.\n")
    assert online(sites, "post.md", cwd=tmp_path).code == 1
    (cached,) = (tmp_path / ".copydesk_cache").glob("urls*.json")
    cached.write_bytes(cached.read_bytes().replace(b'"missing"', b'"exists!"'))
    run = online(sites, "post.md", cwd=tmp_path)
    assert run.code == 1 and "HAL501" in run.out, run
    assert sites.asked("/www.acme-news.org/2019/03/old-story") == 2


def test_requests_say_who_asks_and_follow_the_sites_redirects(sites, tmp_path):
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\n[Deep Learning](https://doi.org/10.1038/nature14539), "
                                "https://www.acme-cloud.com/docs/start\n")
    run = online(sites, "--no-cache", "post.md", cwd=tmp_path)
    assert run.code == 0, run
    agents = {headers.get("user-agent") for _, headers, _ in sites.requests}
    assert len(agents) == 1 and agents.pop().startswith("copydesk/")
    paths = [path for path, _, _ in sites.requests]
    assert "/www.acme-cloud.com/docs/getting-started" in paths  # a relative Location, followed
    # the DOI's title: content negotiation, the Accept header kept across doi.org's redirect
    transform = [headers for path, headers, _ in sites.requests if path.endswith("/transform")]
    assert transform and "application/vnd.citationstyles.csl+json" in transform[0]["accept"]


def test_429_with_retry_after_is_waited_for_then_asked_again(sites, tmp_path):
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nSee https://www.acme-busy.org/page.\n")
    run = online(sites, "--no-cache", "--format", "json", "post.md", cwd=tmp_path)
    assert run.code == 0 and run.json() == [], run
    times = [moment for path, _, moment in sites.requests if path == "/www.acme-busy.org/page"]
    assert len(times) == 2 and times[1] - times[0] >= 0.9  # Retry-After: 1


def test_remap_rules_in_the_configuration(sites, tmp_path):
    pattern, replacement = sites.remap[0].split(" ")
    config = QUICK + f"  remap:\n    - ['{pattern}', '{replacement}']\n"
    write(tmp_path / ".copydesk.yaml", config)
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nSee https://www.acme-news.org/2019/03/old-story.\n")
    run = copydesk("check", "--online", "--no-cache", "post.md", cwd=tmp_path)
    assert run.code == 1 and "HAL501" in run.out and "holds a copy" in run.out, run


def test_excluded_urls_are_never_asked(sites, tmp_path):
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nSee https://www.acme-news.org/2019/03/old-story and "
                                "https://research.acme-labs.org/blog/2021/launching-atlas-v2.\n")
    run = online(sites, "--no-cache", "post.md", cwd=tmp_path, config=QUICK + "  exclude: ['^https://research\\.']\n")
    assert [line for line in run.out.splitlines() if line.startswith("post.md")] == \
        [line for line in run.out.splitlines() if "HAL501" in line and "old-story" in line], run
    assert sites.asked("research.acme-labs.org") == 0


def test_online_true_in_the_configuration_and_no_online_on_the_command_line(sites, tmp_path):
    pattern, replacement = sites.remap[0].split(" ")
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nSee https://www.acme-news.org/2019/03/old-story.\n")
    config = QUICK.replace("online:\n", "online:\n  enabled: true\n") + f"  remap: [['{pattern}', '{replacement}']]\n"
    write(tmp_path / ".copydesk.yaml", config)
    assert "HAL501" in copydesk("check", "--no-cache", "post.md", cwd=tmp_path).out
    run = copydesk("check", "--no-cache", "--no-online", "post.md", cwd=tmp_path)
    assert run.code == 0 and "HAL501" not in run.out and "Online:" not in run.out, run
    assert sites.asked("/www.acme-news.org/2019/03/old-story") == 1


def test_a_post_is_read_as_its_site_reads_it(sites, tmp_path):
    """Hugo reads front matter below blank lines: a URL there is no citation of the page's prose,
    online as offline; the one in the prose is asked."""
    write(tmp_path / "hugo.toml", "defaultContentLanguage = 'en'\n")
    write(tmp_path / "content" / "post.md", "\n---\ntitle: T\ndescription: moved from https://www.acme-news.org/archive/removed\n---\n\n"
                                            "See https://www.acme-news.org/2019/03/old-story.\n")
    run = online(sites, "--format", "json", "--no-cache", "content/post.md", cwd=tmp_path)
    assert [(finding["code"], finding["line"]) for finding in run.json()] == [("HAL501", 7)], run
    assert sites.asked("/www.acme-news.org/archive/removed") == 0


def test_unsafe_fix_points_a_rotten_link_at_its_archived_copy(sites, tmp_path):
    text = "---\ntitle: T\n---\n\nAn [old story](https://www.acme-news.org/2019/03/old-story) and " \
           "https://research.acme-labs.org/blog/2021/launching-atlas-v2 here.\n"
    post = write(tmp_path / "post.md", text)
    safe_only = online(sites, "--fix", "post.md", cwd=tmp_path)
    assert post.read_text() == text and "HAL501" in safe_only.out  # an unsafe fix needs --unsafe-fixes
    diff = online(sites, "--diff", "--unsafe-fixes", "post.md", cwd=tmp_path)
    assert "+An [old story](https://web.archive.org/web/20190101000000/https://www.acme-news.org/2019/03/old-story)" \
        in diff.out and post.read_text() == text
    run = online(sites, "--fix", "--unsafe-fixes", "post.md", cwd=tmp_path)
    assert "Fixed 1 problem" in run.out, run
    assert post.read_text() == text.replace("https://www.acme-news.org", "https://web.archive.org/web/"
                                            "20190101000000/https://www.acme-news.org")
    assert run.out.count("HAL501") == 2  # the invented link has no copy: still reported (and counted)


def test_suppressions_apply_and_are_never_judged_unused(sites, tmp_path):
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\n<!-- copydesk-disable-next-line HAL501 -->\n"
                                "See https://www.acme-news.org/2019/03/old-story.\n\n"
                                "<!-- copydesk-disable-next-line HAL502 -->\nSee https://www.acme-news.org/2020/05/launch.\n")
    run = online(sites, "--extend-select", "CD100", "--format", "json", "post.md", cwd=tmp_path)
    assert run.code == 0 and run.json() == [], run
    offline = copydesk("check", "--extend-select", "CD100", "--format", "json", "post.md", cwd=tmp_path)
    assert offline.code == 0 and offline.json() == [], offline


def _online_rules() -> dict[str, dict]:
    rules = load_builtin("hallucinations")["rules"]
    return {code: rules[code] for code in ("HAL501", "HAL502", "HAL503", "HAL504")}


@pytest.mark.parametrize("code", sorted(_online_rules()))
def test_the_documented_example_fires_its_rule_with_a_fix_if_it_is_fixable(sites, tmp_path, code):
    """What tests/test_rule_docs.py checks of the offline rules, for the online ones."""
    write(tmp_path / "example.md", "---\ntitle: Example\n---\n\n" + _online_rules()[code]["example"] + "\n")
    run = online(sites, "--no-cache", "--format", "json", "example.md", cwd=tmp_path)
    assert [(finding["code"], finding["fixable"]) for finding in run.json()] == \
        [(code, _online_rules()[code].get("fixable", False))], run


def test_ctrl_c_ends_cleanly_with_what_was_verified_so_far_cached(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import REPO

    require_client()
    sites = Sites(slow_seconds=60).start()
    try:
        write(tmp_path / ".copydesk.yaml", "online: {interval: 0, timeout: 60, per-host: 4}\n")
        write(tmp_path / "post.md", "---\ntitle: T\n---\n\nhttps://slow.acme-news.org/a https://www.acme-news.org/2020/05/launch "
                                    "https://www.acme-news.org/2019/03/old-story\n")
        remaps = [item for remap in sites.remap for item in ("--remap", remap)]
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
        process = subprocess.Popen(  # a terminal's Ctrl-C: SIGINT, with its default meaning
            [sys.executable, "-m", "linters", "check", "--online", *remaps, "post.md"], cwd=tmp_path, env=environment,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 60
        while not (sites.asked("wayback/available") and sites.asked("/www.acme-news.org/2020/05/launch")) \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the answers reach the client
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        sites.stop()
    assert process.returncode == 130 and err == "copydesk: interrupted\n" and out == "", (out, err)
    (cached,) = (tmp_path / ".copydesk_cache").glob("urls*.json")
    text = cached.read_text(encoding="utf-8")
    assert "page https://www.acme-news.org/2020/05/launch" in text and "wayback https://www.acme-news.org" in text
    assert "slow.acme-news.org" not in text


def test_a_terminal_sees_a_progress_counter_cleared_at_the_end(sites, tmp_path):
    """On a terminal (standard error a tty), a counter of what is verified, erased once done;
    piped, nothing (the other tests read standard error whole)."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    from conftest import REPO

    write(tmp_path / ".copydesk.yaml", QUICK)
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nhttps://www.acme-news.org/2020/05/launch and "
                                "https://www.acme-cloud.com/docs/start\n")
    remaps = [item for remap in sites.remap for item in ("--remap", remap)]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    terminal, child_side = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "linters", "check", "--online", "--no-cache", *remaps, "post.md"],
                               cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=child_side)
    os.close(child_side)
    seen, deadline = b"", time.monotonic() + 60
    while time.monotonic() < deadline:
        if not select.select([terminal], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the child closed its side
            break
        if not chunk:
            break
        seen += chunk
    os.close(terminal)
    out = process.communicate(timeout=60)[0].decode()
    assert process.returncode == 0, (out, seen)
    text = seen.decode()
    counter = "copydesk: 2/2 links and identifiers verified"
    # (on a loaded machine the files' counter may show too, and is cleared after this one)
    assert f"\r{counter}" in text and "\x1b" not in text, text
    assert f"\r{' ' * len(counter)}\r" in text[text.rindex(counter):], text
    assert "Online: 2 links and identifiers verified: 2 exist, 0 missing, 0 unknown." in out


def test_at_most_per_host_requests_at_once_and_interval_seconds_apart(tmp_path):
    """Against the local sites (all one host once remapped): six slow pages with ``per-host:
    2`` arrive two at a time; four quick ones with ``interval: 0.4`` arrive 0.4 s apart."""
    require_client()
    sites = Sites(slow_seconds=0.6).start()
    try:
        write(tmp_path / "slow.md", "---\ntitle: T\n---\n\n" +
              " ".join(f"https://slow.acme-news.org/page-{n}" for n in range(6)) + "\n")
        run = online(sites, "--no-cache", "slow.md", cwd=tmp_path,
                     config="online: {interval: 0, timeout: 10, retries: 0, per-host: 2}\n")
        assert run.code == 0, run
        arrivals = sorted(moment for path, _, moment in sites.requests if path.startswith("/slow.acme-news.org/"))
        assert len(arrivals) == 6
        at_once = max(sum(start <= moment < start + 0.5 for moment in arrivals) for start in arrivals)
        assert at_once == 2, arrivals
        write(tmp_path / "quick.md", "---\ntitle: T\n---\n\n" +
              " ".join(f"https://www.acme-news.org/page-{n}" for n in range(4)) + "\n")
        del sites.requests[:]
        run = online(sites, "--no-cache", "--format", "json", "quick.md", cwd=tmp_path,
                     config="online: {interval: 0.4, timeout: 10, retries: 0, per-host: 4}\n")
        pages = sorted(moment for path, _, moment in sites.requests if path.startswith("/www.acme-news.org/page-"))
        # the client spaces the starts 0.4 s apart (1.2 s in all); the server sees them with the
        # jitter of a loaded machine (the first request also opens the connection): without the
        # interval all four would arrive within a few milliseconds
        assert len(pages) == 4 and min(b - a for a, b in zip(pages, pages[1:])) >= 0.1, pages
        assert pages[-1] - pages[0] >= 0.8, pages
    finally:
        sites.stop()
