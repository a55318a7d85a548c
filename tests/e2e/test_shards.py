"""`medsec scan --shard K/N` + `medsec merge`: the merged outputs are byte for byte one scan's."""
import json
import os
import unittest

import test_result_cache
from common import MEDSEC, TempDir, run

GATE = ["--fail-on", "low", "--today", "2026-03-01"]


def deviations(tmp):
    """A deviation record accepting the banned calls of one file, so the gate has work."""
    path = os.path.join(tmp, "deviations.yaml")
    with open(path, "w") as f:
        f.write("deviations:\n"
                "  - id: DEV-0001\n    check: medsec-banned-functions\n    path: 'src/*.c'\n"
                "    status: accepted\n    justification: sized by the caller\n"
                "    approver: QA lead\n    date: 2026-01-10\n    expires: 2026-06-30\n")
    return path


def outputs_of(prefix):
    names = {}
    for ext in ("json", "sarif", "junit.xml", "gitlab.json"):
        with open("%s.%s" % (prefix, ext), "rb") as f:
            names[ext] = f.read()
    return names


def output_args(prefix):
    return ["-o", prefix + ".json", "--sarif", prefix + ".sarif", "--junit",
            prefix + ".junit.xml", "--gitlab", prefix + ".gitlab.json"]


class Shards(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.tmp = cls.tmp_ctx.__enter__()
        cls.src, cls.build = test_result_cache.configured_copy(cls.tmp)
        cls.dev = deviations(cls.tmp)
        cls.base = os.path.join(cls.tmp, "baseline.json")
        # A baseline of an earlier state, so that merged results label new and fixed findings.
        one = os.path.join(cls.tmp, "first")
        r = run([MEDSEC, "scan", "-p", cls.build, "-q", "--no-cache", "-o", one + ".json"],
                cwd=cls.src)
        assert r.returncode == 1, r.stderr
        with open(one + ".json") as f:
            data = json.load(f)
        data["findings"] = data["findings"][::2]  # half of them "new" now
        with open(one + ".json", "w") as f:
            json.dump(data, f)
        r = run([MEDSEC, "baseline", "create", "-r", one + ".json", "-o", cls.base])
        assert r.returncode == 0, r.stderr
        with open(cls.base) as f:
            base = json.load(f)
        gone = dict(base["findings"][0], fingerprint="v1:" + "0" * 32, line=1)
        base["findings"].append(gone)  # fixed since
        with open(cls.base, "w") as f:
            json.dump(base, f)
        cls.gate = GATE + ["--deviations", cls.dev, "--baseline", cls.base, "--new-only"]
        single = os.path.join(cls.tmp, "single")
        cls.single = run([MEDSEC, "scan", "-p", cls.build, "-q", "--no-cache", "-j2"] +
                         output_args(single) + cls.gate, cwd=cls.src)
        cls.single_outputs = outputs_of(single)

    @classmethod
    def tearDownClass(cls):
        cls.tmp_ctx.__exit__(None, None, None)

    def shard(self, k, n, name, extra=(), env=None):
        path = os.path.join(self.tmp, "%s-%d-of-%d.json" % (name, k, n))
        r = run([MEDSEC, "scan", "-p", self.build, "-q", "--shard", "%d/%d" % (k, n),
                 "-o", path] + list(extra), cwd=self.src, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        return path

    def merge(self, shards, prefix, extra=()):
        return run([MEDSEC, "merge"] + output_args(prefix) + list(extra) + shards, cwd=self.src)

    def test_merged_shards_are_one_scan(self):
        self.assertEqual(self.single.returncode, 1, self.single.stderr)
        for n, jobs in ((3, "-j1"), (2, "-j2")):
            shards = [self.shard(k, n, "plain", ["--no-cache", jobs]) for k in range(1, n + 1)]
            prefix = os.path.join(self.tmp, "merged-%d" % n)
            r = self.merge(shards[::-1], prefix, self.gate)  # any order
            self.assertEqual(r.returncode, self.single.returncode, r.stderr)
            self.assertEqual(r.stdout, self.single.stdout)
            merged = outputs_of(prefix)
            for ext in merged:
                self.assertEqual(merged[ext], self.single_outputs[ext], "%d shards, %s" % (n, ext))
        data = json.loads(merged["json"])
        self.assertTrue(data["fixed"], "the baseline's dropped findings are listed as fixed")
        self.assertTrue(any(f["status"] == "accepted" for f in data["findings"]))
        self.assertTrue(data["components"], "the merge makes the inventory")

    def test_every_unit_in_exactly_one_shard(self):
        units = []
        sizes = []
        for k in (1, 2, 3):
            with open(self.shard(k, 3, "units", ["--no-cache"])) as f:
                shard = json.load(f)
            self.assertEqual(shard["format"], "medsec-shard/1")
            self.assertEqual(shard["shard"]["index"], k)
            mine = [u["file"] for u in shard["units"]]
            sizes.append(len(mine))
            units += mine
        single = json.loads(self.single_outputs["json"])
        analysed = sorted(u["file"] for u in single["units"] if u["status"] != "excluded")
        self.assertEqual(sorted(units), analysed)
        self.assertLessEqual(max(sizes) - min(sizes), 3, sizes)

    def test_more_shards_than_units(self):
        single = json.loads(self.single_outputs["json"])
        n = len(single["units"]) + 2
        shards = [self.shard(k, n, "many", ["--no-cache"]) for k in range(1, n + 1)]
        prefix = os.path.join(self.tmp, "many")
        r = self.merge(shards, prefix, self.gate)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(outputs_of(prefix)["json"], self.single_outputs["json"])

    def test_cached_shards_merge_to_the_same_results(self):
        cache = os.path.join(self.tmp, "cache")
        env = {"XDG_CACHE_HOME": os.path.join(self.tmp, "xdg")}
        for attempt in ("cold", "warm"):
            shards = [self.shard(k, 2, "cached-" + attempt, ["--cache-dir", cache], env=env)
                      for k in (1, 2)]
            prefix = os.path.join(self.tmp, "cached-" + attempt)
            r = self.merge(shards, prefix, self.gate)
            self.assertEqual(r.returncode, 1, r.stderr)
            data, hits = test_result_cache.without_cache_marks(outputs_of(prefix)["json"])
            expected, _ = test_result_cache.without_cache_marks(self.single_outputs["json"])
            self.assertEqual(data, expected, attempt)
            self.assertEqual(bool(hits), attempt == "warm")

    def test_a_crashing_unit_is_reported_by_the_merge(self):
        shards = [self.shard(k, 2, "crash", ["--no-cache"], env={"MEDSEC_TEST_CRASH_ON": "pump_control.c"})
                  for k in (1, 2)]
        r = self.merge(shards, os.path.join(self.tmp, "crash"))
        self.assertEqual(r.returncode, 3, r.stderr)
        with open(os.path.join(self.tmp, "crash.json")) as f:
            data = json.load(f)
        crashed = [u for u in data["units"] if u["status"] == "crashed"]
        self.assertEqual([os.path.basename(u["file"]) for u in crashed], ["pump_control.c"])
        self.assertIn("1 not analysed", r.stderr)

    def test_shards_that_are_not_one_scan_are_refused(self):
        a = [self.shard(k, 2, "a", ["--no-cache"]) for k in (1, 2)]
        other = self.shard(2, 2, "other", ["--no-cache", "--checks", "-*,medsec-banned-functions"])
        three = self.shard(2, 3, "three", ["--no-cache"])
        broken = os.path.join(self.tmp, "broken.json")
        with open(a[1]) as f, open(broken, "w") as g:
            g.write(f.read()[:200])
        whole = os.path.join(self.tmp, "single.json")
        cases = [
            ([a[0]], "shard(s) 2/2 missing"),
            ([a[0], a[0], a[1]], "is shard 1 again"),
            ([a[0], other], "its checks differs"),
            ([a[0], three], "its shard count differs"),
            ([a[0], broken], "broken.json: "),
            ([a[0], whole], "is the results of a whole scan, not a shard"),
            ([a[0], os.path.join(self.tmp, "missing.json")], "cannot read shard"),
            ([], "merge needs the shard files"),
        ]
        for files, message in cases:
            r = self.merge(files, os.path.join(self.tmp, "refused"))
            self.assertEqual(r.returncode, 2, (files, r.stderr))
            self.assertIn(message, r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "refused.json")))

    def test_shard_options_that_belong_to_the_merge(self):
        for extra, message in ((["--sarif", "x.sarif"], "--sarif belongs on 'medsec merge'"),
                               (["--baseline", self.base], "--baseline belongs on"),
                               (["--cross-tu"], "--cross-tu needs every unit"),
                               (["--shard", "0/2"], "--shard takes K/N"),
                               (["--shard", "3/2"], "--shard takes K/N"),
                               (["--shard", "x"], "--shard takes K/N")):
            args = [MEDSEC, "scan", "-p", self.build, "-o", os.path.join(self.tmp, "s.json")]
            if "--shard" not in extra:
                args += ["--shard", "1/2"]
            r = run(args + extra, cwd=self.src)
            self.assertEqual(r.returncode, 2, (extra, r.stderr))
            self.assertIn(message, r.stderr)


if __name__ == "__main__":
    unittest.main()
