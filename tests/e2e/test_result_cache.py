"""`medsec scan`'s result cache: the same outputs with and without it, and misses when they must."""
import glob
import json
import os
import shutil
import unittest

import test_cross_tu
from common import MEDSEC, PUMP, TempDir, copy_pump, run

OUTPUTS = ("results.json", "results.sarif", "results.junit.xml", "results.gitlab.json")
PROJECT_RULES = """checks:
  - id: medsec-banned-functions
    data:
      functions:
        - name: memset
          severity: low
          kind: always
          replacement: explicit_bzero for secrets
          reason: the project bans it
"""


def configured_copy(tmp):
    src = os.path.join(tmp, "pump")
    copy_pump(src)
    build = os.path.join(src, "build")
    r = run(["cmake", "-S", src, "-B", build, "-DCMAKE_C_COMPILER=clang-19"])
    if r.returncode != 0:
        raise RuntimeError(r.stdout + r.stderr)
    return src, build


def scan(build, out_dir, jobs, cache=None, extra=()):
    """Scans into out_dir; returns the run and {output name: bytes}."""
    os.makedirs(out_dir, exist_ok=True)
    o = lambda n: os.path.join(out_dir, n)  # noqa: E731
    args = [MEDSEC, "scan", "-p", build, "-j%d" % jobs, "-q", "-o", o(OUTPUTS[0]),
            "--sarif", o(OUTPUTS[1]), "--junit", o(OUTPUTS[2]), "--gitlab", o(OUTPUTS[3])]
    args += ["--cache-dir", cache] if cache else ["--no-cache"]
    r = run(args + list(extra), cwd=os.path.dirname(build))
    outputs = {}
    for n in OUTPUTS:
        with open(o(n), "rb") as f:
            outputs[n] = f.read()
    return r, outputs


def without_cache_marks(results):
    """results.json with each unit's "cache" mark taken out, and the files marked."""
    data = json.loads(results)
    hits = sorted(u["file"] for u in data["units"] if u.pop("cache", None) == "hit")
    return data, hits


def entries(cache):
    return sorted(glob.glob(os.path.join(cache, "results-v1", "*", "*.json")))


class ResultCache(unittest.TestCase):
    def setUp(self):
        self.tmp_ctx = TempDir()
        self.tmp = self.tmp_ctx.__enter__()
        self.src, self.build = configured_copy(self.tmp)
        self.cache = os.path.join(self.tmp, "cache")
        self.runs = 0

    def tearDown(self):
        self.tmp_ctx.__exit__(None, None, None)

    def scan(self, jobs, cache=True, extra=()):
        self.runs += 1
        r, out = scan(self.build, os.path.join(self.tmp, "out%d" % self.runs), jobs,
                      self.cache if cache else None, extra)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return r, out

    def assertSameOutputs(self, cached, reference, hits_expected=None):
        """Byte-identical outputs; results.json identical once the cache marks are out."""
        for n in OUTPUTS[1:]:
            self.assertEqual(cached[n], reference[n], n)
        data, hits = without_cache_marks(cached[OUTPUTS[0]])
        self.assertEqual(data, json.loads(reference[OUTPUTS[0]]))
        if hits_expected is not None:
            self.assertEqual(hits, hits_expected)
        return hits

    def analysed_units(self, out):
        return sorted(u["file"] for u in json.loads(out[OUTPUTS[0]])["units"]
                      if u["status"] == "analysed")

    def test_outputs_are_identical_with_and_without_the_cache_at_j1_and_j2(self):
        _, reference = self.scan(1, cache=False)
        units = self.analysed_units(reference)
        self.assertGreater(len(units), 5)
        _, cold = self.scan(2)
        self.assertEqual(cold, reference)  # every unit missed: not even a mark differs
        for jobs in (1, 2):
            r, warm = self.scan(jobs)
            self.assertSameOutputs(warm, reference, hits_expected=units)
            self.assertIn("(%d from the result cache)" % len(units), r.stderr)
        self.assertEqual(len(entries(self.cache)), len(units))

    def units_including(self, name):
        """The units that include header name: directly, as no header of the sample includes
        it (checked)."""
        line = '#include "%s"' % name
        for h in glob.glob(os.path.join(self.src, "*", "*.h")):
            with open(h) as f:
                self.assertNotIn(line, f.read(), h)
        found = []
        for unit in self.analysed_units(self.scan(1)[1]):
            with open(os.path.join(self.src, unit)) as f:
                if line in f.read():
                    found.append(unit)
        return found

    def test_a_changed_header_misses_every_unit_that_included_it_and_only_those(self):
        self.scan(2)
        header = os.path.join(self.src, "include", "key_store.h")
        including = self.units_including("key_store.h")
        self.assertTrue(0 < len(including) < len(self.analysed_units(self.scan(1)[1])))
        with open(header, "a") as f:
            f.write("\nchar *strcpy(char *, const char *);\n"
                    "static inline void key_copy(char *d, const char *s) { strcpy(d, s); }\n")
        _, reference = self.scan(1, cache=False)
        self.assertIn(b"key_store.h", reference[OUTPUTS[0]])  # the header's new finding
        _, warm = self.scan(2)
        hits = self.assertSameOutputs(warm, reference)
        self.assertEqual(sorted(set(self.analysed_units(reference)) - set(hits)), including)

    def test_a_changed_project_rule_file_misses_the_units_it_covers(self):
        self.scan(2)
        with open(os.path.join(self.src, ".medsec.yaml"), "w") as f:
            f.write(PROJECT_RULES)
        _, reference = self.scan(1, cache=False)
        self.assertIn(b"memset", reference[OUTPUTS[0]])
        _, warm = self.scan(2)
        self.assertSameOutputs(warm, reference, hits_expected=[])
        # And the built-in catalogue's bytes count too.
        catalogue = os.path.join(self.tmp, "rules")
        shutil.copytree(os.path.join(os.path.dirname(PUMP), "..", "rules"), catalogue)
        units = self.analysed_units(reference)
        hits = lambda out: without_cache_marks(out[OUTPUTS[0]])[1]  # noqa: E731
        _, other = self.scan(2, extra=["--catalogue", catalogue])
        self.assertEqual(hits(other), [])  # another catalogue directory
        _, again = self.scan(2, extra=["--catalogue", catalogue])
        self.assertEqual(hits(again), units)
        yaml = glob.glob(os.path.join(catalogue, "**", "*.yaml"), recursive=True)
        with open(yaml[0], "a") as f:
            f.write("\n# an edit\n")
        _, edited = self.scan(2, extra=["--catalogue", catalogue])
        self.assertEqual(hits(edited), [])
        self.assertEqual(without_cache_marks(edited[OUTPUTS[0]])[0]["findings"],
                         json.loads(other[OUTPUTS[0]])["findings"])

    def test_corrupt_and_foreign_entries_are_misses(self):
        _, reference = self.scan(1, cache=False)
        self.scan(2)
        paths = entries(self.cache)
        self.assertGreater(len(paths), 4)
        with open(paths[0], "w") as f:
            f.write("{ not json")
        with open(paths[1], "w") as f:
            f.write("")
        shutil.copy(paths[3], paths[2])  # another unit's entry under this key
        with open(paths[3], "w") as f:
            json.dump({"format": 3, "key": os.path.basename(paths[3])[:-5], "inputs": [],
                       "unit": {"file": 7}}, f)
        # An entry of the previous format (its cross-TU parameter facts carry no interval, a
        # checked number none at all), intact otherwise.
        with open(paths[4]) as f:
            old = json.load(f)
        self.assertEqual(old["format"], 3)
        old["format"] = 2
        with open(paths[4], "w") as f:
            json.dump(old, f)
        _, warm = self.scan(2)
        hits = self.assertSameOutputs(warm, reference)
        self.assertEqual(len(hits), len(self.analysed_units(reference)) - 5)
        _, again = self.scan(1)  # the bad entries were rewritten
        self.assertSameOutputs(again, reference, hits_expected=self.analysed_units(reference))

    def test_no_cache_writes_nothing(self):
        self.scan(2, cache=False)
        self.assertFalse(os.path.exists(self.cache))

    def test_size_limit_evicts_least_recently_used_and_stats_and_clear(self):
        self.scan(2)
        paths = entries(self.cache)
        biggest = max(os.path.getsize(p) for p in paths)
        one = ["--include", "src/uart_cmd.c"]
        self.scan(1, extra=one)  # a hit: uart_cmd.c is now the most recently used
        self.scan(1, extra=one + ["--cache-max-size", str(biggest * 12 // 10)])
        left = entries(self.cache)
        self.assertEqual(len(left), 1)
        with open(left[0]) as f:
            self.assertEqual(json.load(f)["unit"]["file"], "src/uart_cmd.c")
        r = run([MEDSEC, "cache", "stats", "--cache-dir", self.cache])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("entries: 1\n", r.stdout)
        self.assertIn("size: %d bytes" % os.path.getsize(left[0]), r.stdout)
        r = run([MEDSEC, "cache", "clear", "--cache-dir", self.cache])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(entries(self.cache), [])
        r = run([MEDSEC, "cache", "stats", "--cache-dir", self.cache])
        self.assertIn("entries: 0\n", r.stdout)
        r = run([MEDSEC, "scan", "-p", self.build, "--cache-max-size", "lots"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("--cache-max-size", r.stderr)

    def test_default_directory_is_under_xdg_cache_home(self):
        xdg = os.path.join(self.tmp, "xdg")
        r = run([MEDSEC, "scan", "-p", self.build, "-q", "-o", os.path.join(self.tmp, "r.json")],
                env={"XDG_CACHE_HOME": xdg})
        self.assertIn(r.returncode, (0, 1), r.stderr)
        self.assertTrue(glob.glob(os.path.join(xdg, "medsec", "results-v1", "*", "*.json")))


class CrossTuFromTheCache(unittest.TestCase):
    def test_cross_tu_rounds_give_the_same_outputs_from_the_cache(self):
        with TempDir() as tmp:
            test_cross_tu.project(tmp)
            cache = os.path.join(tmp, "cache")
            outs = {}
            for name, extra in (("off", ["--no-cache"]), ("cold", ["--cache-dir", cache]),
                                ("warm", ["--cache-dir", cache]), ("warm1", ["--cache-dir", cache])):
                jobs = "-j1" if name == "warm1" else "-j2"
                _, _, out, sarif = test_cross_tu.scan(tmp, name, jobs, "--cross-tu", *extra)
                with open(out, "rb") as a, open(sarif, "rb") as b:
                    outs[name] = (a.read(), b.read())
        self.assertEqual(outs["cold"], outs["off"])
        self.assertTrue(json.loads(outs["off"][0])["findings"])
        for warm in ("warm", "warm1"):
            data, hits = without_cache_marks(outs[warm][0])
            self.assertEqual(hits, ["a.c", "b.c", "m.c"])
            self.assertEqual(data, json.loads(outs["off"][0]))
            self.assertEqual(outs[warm][1], outs["off"][1])


if __name__ == "__main__":
    unittest.main()
