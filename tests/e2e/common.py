"""Shared helpers of the end-to-end tests: where the build is, how to run medsec."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("MEDSEC_BUILD_DIR", os.path.join(ROOT, "build"))
MEDSEC = os.path.join(BUILD, "medsec")
PLUGIN = os.path.join(BUILD, "MedSecTidy.so")
PUMP = os.path.join(ROOT, "test-inputs", "infusion-pump")


def run(args, cwd=None, env=None, timeout=600):
    """Runs args; unless env names XDG_CACHE_HOME, with a result cache of its own that starts
    empty, so that no test sees another's (or an earlier run's) cache entries."""
    full_env = dict(os.environ)
    for var in ("MEDSEC_CATALOGUE", "MEDSEC_PROJECT_RULES", "MEDSEC_TEST_CRASH_ON",
                "MEDSEC_TEST_HANG_ON"):
        full_env.pop(var, None)
    full_env.update(env or {})
    cache = None
    if "XDG_CACHE_HOME" not in (env or {}):
        cache = tempfile.mkdtemp(prefix="medsec-e2e-cache-")
        full_env["XDG_CACHE_HOME"] = cache
    try:
        return subprocess.run(args, cwd=cwd or ROOT, env=full_env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=timeout)
    finally:
        if cache:
            shutil.rmtree(cache, ignore_errors=True)


def configure_pump(build_dir):
    """Configures the sample firmware for the host and returns its build dir."""
    if not os.path.exists(os.path.join(build_dir, "compile_commands.json")):
        r = run(["cmake", "-S", PUMP, "-B", build_dir, "-DCMAKE_C_COMPILER=clang-19"])
        if r.returncode != 0:
            raise RuntimeError("cannot configure the sample firmware:\n" + r.stdout + r.stderr)
    return build_dir


def copy_pump(dest):
    """Copies the sample firmware without build or cache directories (a file named build_*.h,
    such as Mbed TLS's build_info.h, is part of it)."""
    def ignore(directory, names):
        return [n for n in names if (n.startswith("build") or n == ".cache")
                and os.path.isdir(os.path.join(directory, n))]
    shutil.copytree(PUMP, dest, ignore=ignore)


def write_db(directory, entries):
    """Writes compile_commands.json for a small generated project."""
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


def c_project(directory, files):
    """Writes the C files {name: text} and a compile database compiling each (C11)."""
    entries = []
    for name, text in files.items():
        with open(os.path.join(directory, name), "w") as f:
            f.write(text)
        entries.append({"directory": directory, "file": name,
                        "arguments": ["clang-19", "-c", "-std=c11", name]})
    write_db(directory, entries)


def load_json(path):
    with open(path) as f:
        return json.load(f)


class TempDir:
    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="medsec-e2e-")
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


class ScanProjectTest(unittest.TestCase):
    """A test class over a small generated project: FILES ({name: text}) compiled each with
    ARGUMENTS (the compiler and its options, the file appended), headers (.h) included only,
    scanned by scan()."""
    FILES = {}
    ARGUMENTS = ["clang-19", "-c", "-std=c11"]

    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.tmp = cls.tmp_ctx.__enter__()
        for name, text in cls.FILES.items():
            with open(os.path.join(cls.tmp, name), "w") as f:
                f.write(text)
        write_db(cls.tmp, [{"directory": cls.tmp, "file": n, "arguments": cls.ARGUMENTS + [n]}
                           for n in cls.FILES if not n.endswith(".h")])

    @classmethod
    def tearDownClass(cls):
        cls.tmp_ctx.__exit__(None, None, None)

    def scan(self, name, *extra):
        """`medsec scan` of the project with --no-cache and extra, into NAME.json: (run, data)."""
        out = os.path.join(self.tmp, name + ".json")
        r = run([MEDSEC, "scan", "-p", self.tmp, "-o", out, "--no-cache", *extra], cwd=self.tmp)
        if not os.path.exists(out):
            raise AssertionError(r.stderr)
        return r, load_json(out)


def tainted_where(data):
    """The medsec-tainted-* findings as (file, line, check), sorted."""
    return sorted((f["file"], f["line"], f["check"]) for f in data["findings"]
                  if f["check"].startswith("medsec-tainted"))


def tainted_first_notes(data):
    """The medsec-tainted-* findings as (file, line, the first note's message), sorted."""
    return sorted((f["file"], f["line"], f["notes"][0]["message"]) for f in data["findings"]
                  if f["check"].startswith("medsec-tainted"))


class CrossTuProjectTest(ScanProjectTest):
    """A generated project whose flows cross units: a scan per unit finds no taint."""

    def test_per_unit_nothing_crosses(self):
        if not self.FILES:
            self.skipTest("the base class has no project")
        r, data = self.scan("alone", "-j2")
        self.assertEqual(tainted_first_notes(data), [], r.stderr)
