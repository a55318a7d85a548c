"""The plugin under plain clang-tidy (one process per file) reads the parsed catalogue from its
binary form under $XDG_CACHE_HOME/medsec/catalogue-v1 instead of parsing rules/*.yaml again
(rules/loader/CatalogueBinary.h). What it reports must not depend on whether the entry was there:
a project .medsec.yaml edited between runs is honoured, a broken one is still reported from the
cache, and a damaged or foreign entry is a miss, parsed again.

MEDSEC_TRACE=catalogue makes the plugin say on stderr whether it "parsed" or "read" the
catalogue, which is what these tests follow.
"""
import glob
import os
import re
import unittest

from common import PLUGIN, TempDir, run
from test_scan_cli import RULES

SOURCE = "void legacy_copy(char *);\nvoid f(char *d) { legacy_copy(d); }\n"
BROKEN = "checks:\n  - id: medsec-banned-functions\n    sevrity: high\n"
TRACE = re.compile(r"^medsec-trace: catalogue (parsed|read) ", re.M)
FINDING = re.compile(r"^(\S+?):(\d+):(\d+): warning: (.*) \[(medsec-[a-z0-9-]+)\]$", re.M)


class PluginCatalogueCache(unittest.TestCase):
    def tidy(self, tmp, cache):
        r = run(["clang-tidy-19", "--load=" + PLUGIN, "-checks=-*,medsec-*", "main.c", "--",
                 "-std=c11"], cwd=tmp, env={"XDG_CACHE_HOME": cache, "MEDSEC_TRACE": "catalogue"})
        loads = TRACE.findall(r.stderr)
        self.assertEqual(len(loads), 1, r.stderr)
        return r, loads[0], FINDING.findall(r.stdout)

    def entries(self, cache):
        return sorted(glob.glob(os.path.join(cache, "medsec", "catalogue-v1", "*.bin")))

    def setUp(self):
        self.tmp_dir = TempDir()
        self.tmp = self.tmp_dir.__enter__()
        self.cache = os.path.join(self.tmp, "cache")
        with open(os.path.join(self.tmp, "main.c"), "w") as f:
            f.write(SOURCE)
        self.write_rules(RULES % "legacy_copy")

    def tearDown(self):
        self.tmp_dir.__exit__(None, None, None)

    def write_rules(self, text):
        with open(os.path.join(self.tmp, ".medsec.yaml"), "w") as f:
            f.write(text)

    def test_second_run_reads_the_entry_and_reports_the_same(self):
        r1, load1, found1 = self.tidy(self.tmp, self.cache)
        self.assertEqual(load1, "parsed")
        self.assertEqual(len(self.entries(self.cache)), 1)
        self.assertEqual([f[4] for f in found1], ["medsec-banned-functions"], r1.stdout)
        r2, load2, found2 = self.tidy(self.tmp, self.cache)
        self.assertEqual(load2, "read")
        self.assertEqual(found2, found1)
        self.assertEqual(r2.returncode, r1.returncode)

    def test_an_edited_project_file_is_honoured(self):
        self.tidy(self.tmp, self.cache)
        self.write_rules(RULES % "other_copy")  # legacy_copy is no longer banned
        _, load, found = self.tidy(self.tmp, self.cache)
        self.assertEqual(load, "parsed")
        self.assertEqual(found, [])
        self.assertEqual(len(self.entries(self.cache)), 2)

    def test_a_broken_project_file_is_reported_from_the_cache_too(self):
        self.write_rules(BROKEN)
        for expected in ("parsed", "read"):
            r, load, _ = self.tidy(self.tmp, self.cache)
            self.assertEqual(load, expected)
            self.assertRegex(r.stdout + r.stderr, r"\.medsec\.yaml:3:5: .*sevrity")

    def test_a_damaged_or_foreign_entry_is_parsed_again(self):
        _, _, found = self.tidy(self.tmp, self.cache)
        [entry] = self.entries(self.cache)
        with open(entry, "rb") as f:
            good = f.read()
        for damage in (b"", good[:len(good) // 2], good[:-1] + bytes([good[-1] ^ 1]),
                       b"medsec-catalogue-bin/2\nnot-the-key\n0\n"):
            with open(entry, "wb") as f:
                f.write(damage)
            _, load, again = self.tidy(self.tmp, self.cache)
            self.assertEqual(load, "parsed", damage[:40])
            self.assertEqual(again, found)
            # ... and the entry is whole again
            _, load, _ = self.tidy(self.tmp, self.cache)
            self.assertEqual(load, "read")

    def test_an_unwritable_cache_is_no_error(self):
        blocker = os.path.join(self.tmp, "not-a-dir")
        with open(blocker, "w") as f:
            f.write("x")
        r, load, found = self.tidy(self.tmp, blocker)
        self.assertEqual(load, "parsed")
        self.assertEqual([f[4] for f in found], ["medsec-banned-functions"], r.stderr)


if __name__ == "__main__":
    unittest.main()
