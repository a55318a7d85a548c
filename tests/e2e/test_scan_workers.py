"""`medsec scan`'s worker pool: clean exits on a signal, results independent of the pool."""
import os
import signal
import subprocess
import time
import unittest

from common import MEDSEC, TempDir, c_project, load_json

GOOD = 'char *strcpy(char *, const char *);\nvoid f(char *d, const char *s) { strcpy(d, s); }\n'
CLEAN = 'int add(int a, int b) { return a + b; }\n'


project = c_project


def children_of(pid):
    """The processes whose parent is pid, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class CleanExits(unittest.TestCase):
    def interrupt(self, sig):
        with TempDir() as tmp:
            src = os.path.join(tmp, "src")
            scratch = os.path.join(tmp, "tmp")
            os.makedirs(src)
            os.makedirs(scratch)
            project(src, {"good.c": GOOD, "hangme.c": CLEAN, "hangme2.c": CLEAN})
            out = os.path.join(tmp, "r.json")
            with open(out, "w") as f:
                f.write("previous results\n")
            env = {k: v for k, v in os.environ.items() if not k.startswith("MEDSEC_")}
            env.update({"MEDSEC_TEST_HANG_ON": "hangme", "TMPDIR": scratch,
                        "XDG_CACHE_HOME": os.path.join(tmp, "cache")})
            p = subprocess.Popen([MEDSEC, "scan", "-p", src, "-j2", "-q", "-o", out], cwd=src,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
            try:
                # Both workers hang once good.c is done: wait for two hanging children.
                deadline = time.monotonic() + 120
                workers = []
                while time.monotonic() < deadline:
                    workers = [c for c in children_of(p.pid) if alive(c)]
                    logs = [n for d in os.listdir(scratch)
                            for n in os.listdir(os.path.join(scratch, d))
                            if n.endswith(".log")] if os.listdir(scratch) else []
                    if len(workers) == 2 and len(logs) == 3:
                        break
                    time.sleep(0.05)
                self.assertEqual(len(workers), 2, "the two hanging workers never ran")
                # Workers sit in their own process group: a terminal's ^C reaches the driver
                # alone, and the driver ends them.
                for w in workers:
                    self.assertEqual(os.getpgid(w), w)
                p.send_signal(sig)
                _, err = p.communicate(timeout=30)
            finally:
                if p.poll() is None:
                    p.kill()
                    p.wait()
            self.assertEqual(p.returncode, -sig, err)
            self.assertIn("interrupted", err)
            for w in workers:
                self.assertFalse(alive(w), "worker %d outlived the driver" % w)
            self.assertEqual(os.listdir(scratch), [], "temporary folder left behind")
            with open(out) as f:
                self.assertEqual(f.read(), "previous results\n")

    def test_sigterm_kills_and_reaps_workers_and_removes_the_temporary_folder(self):
        self.interrupt(signal.SIGTERM)

    def test_sigint_kills_and_reaps_workers_and_removes_the_temporary_folder(self):
        self.interrupt(signal.SIGINT)

    def test_a_finished_scan_leaves_no_temporary_folder(self):
        with TempDir() as tmp:
            src = os.path.join(tmp, "src")
            scratch = os.path.join(tmp, "tmp")
            os.makedirs(src)
            os.makedirs(scratch)
            project(src, {"good.c": GOOD, "clean.c": CLEAN})
            env = {k: v for k, v in os.environ.items() if not k.startswith("MEDSEC_")}
            env.update({"TMPDIR": scratch, "XDG_CACHE_HOME": os.path.join(tmp, "cache")})
            r = subprocess.run([MEDSEC, "scan", "-p", src, "-q", "-o", os.path.join(tmp, "r.json")],
                               cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(os.listdir(scratch), [])
            self.assertEqual(len(load_json(os.path.join(tmp, "r.json"))["findings"]), 1)


if __name__ == "__main__":
    unittest.main()
