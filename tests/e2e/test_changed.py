"""Pull-request scans: `--changed-since REV` / `--changed FILE` analyse only the units a change
can affect, from the result cache's include lists or by preprocessing; the rest is listed."""
import json
import os
import shlex
import shutil
import subprocess
import unittest

import test_result_cache
from common import MEDSEC, TempDir, run

GIT = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI"]


def git(repo, *args):
    r = subprocess.run(GIT + list(args), cwd=repo, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


def including(build, header):
    """The units whose preprocessing reads header, by clang-19 -M itself (the oracle)."""
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    units = []
    for e in entries:
        args = e.get("arguments") or shlex.split(e["command"])
        cmd = ["clang-19", "-M", "-MG"] + [a for a in args[1:] if a not in ("-c",)]
        if "-o" in cmd:
            i = cmd.index("-o")
            del cmd[i:i + 2]
        r = subprocess.run(cmd, cwd=e["directory"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        if header in r.stdout:
            units.append(os.path.relpath(e["file"], os.path.dirname(build)))
    return sorted(units)


def analysed(results):
    return sorted(u["file"] for u in results["units"] if u["status"] != "excluded")


class ChangedUnits(unittest.TestCase):
    def setUp(self):
        self.tmp_ctx = TempDir()
        self.tmp = self.tmp_ctx.__enter__()
        self.src, self.build = test_result_cache.configured_copy(self.tmp)
        with open(os.path.join(self.src, ".gitignore"), "w") as f:
            f.write("build/\n*.json\n*.failure-logs/\n")
        git(self.src, "init", "-q")
        git(self.src, "add", "-A")
        git(self.src, "commit", "-qm", "release 2.0")
        git(self.src, "tag", "base")
        self.env = {"XDG_CACHE_HOME": os.path.join(self.tmp, "xdg")}

    def tearDown(self):
        self.tmp_ctx.__exit__(None, None, None)

    def scan(self, name, *extra):
        out = os.path.join(self.src, name + ".json")
        r = run([MEDSEC, "scan", "-p", self.build, "-o", out] + list(extra), cwd=self.src,
                env=self.env)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        with open(out) as f:
            return r, json.load(f)

    def append(self, rel, text):
        with open(os.path.join(self.src, rel), "a") as f:
            f.write(text)

    def test_a_changed_header_without_cache_analyses_its_includers_only(self):
        _, full = self.scan("full", "--no-cache")
        self.append("include/pump_config.h", "\n/* a comment changes no finding */\n")
        r, part = self.scan("part", "--no-cache", "--changed-since", "base")
        expected = including(self.build, "pump_config.h")
        self.assertTrue(0 < len(expected) < len(full["units"]), expected)
        self.assertEqual(analysed(part), expected)
        excluded = [u for u in part["units"] if u["status"] == "excluded"]
        self.assertEqual(len(excluded) + len(expected), len(full["units"]))
        for u in excluded:
            self.assertIn("not affected by --changed-since base", u["reason"])
        self.assertIn("medsec: --changed-since base: %d of %d unit(s) analysed, 0 from the result "
                      "cache, %d not affected" % (len(expected), len(full["units"]),
                                                  len(excluded)), r.stderr)
        self.assertIn("preprocessing", r.stderr)
        # The analysed units' own findings are the full scan's.
        mine = lambda res: sorted((f["file"], f["line"], f["check"])  # noqa: E731
                                  for f in res["findings"] if f["file"] in expected)
        self.assertEqual(mine(part), mine(full))

    def test_with_the_cache_a_pull_request_scan_is_the_full_scan(self):
        self.scan("first")  # fills the cache, with every unit's include list
        self.append("src/config.c", "\nint config_extra(void) { return 0; }\n")
        r, pr = self.scan("pr", "--changed-since", "base")
        self.assertIn("1 of 15 unit(s) analysed, 14 from the result cache, 0 not affected", r.stderr)
        _, full = self.scan("full", "--no-cache")
        pr_data, hits = test_result_cache.without_cache_marks(json.dumps(pr))
        full_data, _ = test_result_cache.without_cache_marks(json.dumps(full))
        self.assertEqual(pr_data, full_data)
        self.assertEqual(len(hits), 14)

    def test_recorded_include_lists_decide_without_preprocessing(self):
        self.scan("first")
        self.append("include/pump_config.h", "\n/* changed */\n")
        # Stale entries: every includer misses, and the recorded lists say who they are.
        r, part = self.scan("part", "--changed", "include/pump_config.h")
        self.assertNotIn("preprocessing", r.stderr)
        expected = including(self.build, "pump_config.h")
        self.assertEqual(sorted(u["file"] for u in part["units"] if not u.get("cache")
                                and u["status"] != "excluded"), expected)
        self.assertFalse([u for u in part["units"] if u["status"] == "excluded"],
                         "the units not affected came from the cache")

    def test_an_unchanged_tree_analyses_nothing(self):
        r, part = self.scan("part", "--no-cache", "--changed-since", "HEAD")
        self.assertEqual(analysed(part), [])
        self.assertIn("0 of 15 unit(s) analysed", r.stderr)
        self.assertIn("no external input recognised in the 0 unit(s) analysed (15 excluded were "
                      "not looked at)", r.stderr)

    def test_a_new_untracked_unit_counts_as_changed(self):
        shutil.copy(os.path.join(self.src, "src", "config.c"), os.path.join(self.src, "x.c"))
        r, part = self.scan("part", "--no-cache", "--changed-since", "HEAD")
        self.assertEqual(analysed(part), [])  # x.c is not in the compile database
        self.append("src/logging.c", "\n")
        git(self.src, "add", "src/logging.c")
        git(self.src, "commit", "-qm", "logging")
        r, part = self.scan("part", "--no-cache", "--changed-since", "base")
        self.assertEqual(analysed(part), ["src/logging.c"])

    def test_fixed_findings_are_not_claimed_for_units_not_analysed(self):
        self.scan("first", "--no-cache")
        base = os.path.join(self.src, "baseline.json")
        r = run([MEDSEC, "baseline", "create", "-r", os.path.join(self.src, "first.json"),
                 "-o", base])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.append("src/logging.c", "\n")
        r, part = self.scan("part", "--no-cache", "--changed-since", "base", "--baseline", base,
                            "--new-only")
        self.assertNotIn("fixed", part)
        self.assertIn("(0 new, 0 fixed)", r.stderr)

    def test_bad_requests(self):
        cases = [
            (["--changed-since", "no-such-rev"], "'git diff --name-only --no-renames -z "
                                                 "--merge-base no-such-rev --' in"),
            (["--changed-since", "--cross-tu"], "takes a git revision"),
            (["--changed-since", "base", "--changed", "a.c"], "not both"),
            (["--changed-since", "base", "--cross-tu"], "cannot be restricted"),
        ]
        for extra, message in cases:
            r = run([MEDSEC, "scan", "-p", self.build, "-o", os.path.join(self.tmp, "x.json")] +
                    extra, cwd=self.src, env=self.env)
            self.assertEqual(r.returncode, 2, (extra, r.stderr))
            self.assertIn(message, r.stderr)
        shutil.rmtree(os.path.join(self.src, ".git"))
        r = run([MEDSEC, "scan", "-p", self.build, "--changed-since", "base"], cwd=self.src,
                env=self.env)
        self.assertEqual(r.returncode, 2)
        self.assertIn("git rev-parse --show-toplevel", r.stderr)


if __name__ == "__main__":
    unittest.main()
