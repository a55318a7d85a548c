"""The shared result cache over HTTP (`--cache-url`), against Debian's real nginx with WebDAV on
the loopback: entries PUT by one runner are fetched by another, a read-only job stores nothing,
and a server that is down, refuses writes, hangs or serves garbage never changes a result."""
import glob
import json
import os
import shutil
import socket
import subprocess
import time
import unittest
import urllib.request

import test_result_cache
from common import MEDSEC, TempDir, run

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx with WebDAV PUT under /cache/ and a read-only location /readonly/."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "nginx")
        self.root = os.path.join(self.dir, "root")
        os.makedirs(os.path.join(self.root, "cache"))
        os.makedirs(os.path.join(self.root, "readonly"))
        self.port = free_port()
        temp = os.path.join(self.dir, "temp")
        os.makedirs(temp)
        user = "user root root;\n" if os.geteuid() == 0 else ""
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(user + """daemon off;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log;
events {}
http {
  access_log %(d)s/access.log;
  client_body_temp_path %(t)s/body;
  proxy_temp_path %(t)s/proxy;
  fastcgi_temp_path %(t)s/fastcgi;
  uwsgi_temp_path %(t)s/uwsgi;
  scgi_temp_path %(t)s/scgi;
  server {
    listen 127.0.0.1:%(p)d;
    root %(r)s;
    client_max_body_size 64m;
    location /cache/ { dav_methods PUT; create_full_put_path on; dav_access user:rw; }
    location /readonly/ { }
  }
}
""" % {"d": self.dir, "t": temp, "p": self.port, "r": self.root})
        self.proc = subprocess.Popen([NGINX, "-c", conf, "-p", self.dir], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url("readonly") + "/", timeout=1)
            except urllib.error.HTTPError:
                break  # it answers (403/404 for the directory)
            except OSError:
                time.sleep(0.05)
                continue
            break
        else:
            raise RuntimeError("nginx did not start: " + self.proc.stderr.read().decode())

    def url(self, location):
        return "http://127.0.0.1:%d/%s" % (self.port, location)

    def entries(self, location="cache"):
        return sorted(glob.glob(os.path.join(self.root, location, "*")))

    def methods(self):
        with open(os.path.join(self.dir, "access.log")) as f:
            return [line.split('"')[1].split()[0] for line in f if '"' in line]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


class HttpCache(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.tmp = cls.tmp_ctx.__enter__()
        cls.src, cls.build = test_result_cache.configured_copy(cls.tmp)
        cls.nginx = Nginx(cls.tmp)
        r, cls.plain = test_result_cache.scan(cls.build, os.path.join(cls.tmp, "plain"), 2)
        cls.plain_rc = r.returncode

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()
        cls.tmp_ctx.__exit__(None, None, None)

    def scan(self, name, local, *extra):
        """A runner with its own (possibly empty) local cache directory."""
        r, out = test_result_cache.scan(self.build, os.path.join(self.tmp, name), 2,
                                        cache=os.path.join(self.tmp, local), extra=extra)
        self.assertEqual(r.returncode, self.plain_rc, r.stderr)
        data, hits = test_result_cache.without_cache_marks(out["results.json"])
        plain, _ = test_result_cache.without_cache_marks(self.plain["results.json"])
        self.assertEqual(data, plain, name)
        for n in test_result_cache.OUTPUTS[1:]:
            self.assertEqual(out[n], self.plain[n], (name, n))
        return r, hits

    def fresh_location(self, name):
        os.makedirs(os.path.join(self.nginx.root, "cache", name))
        return self.nginx.url("cache/" + name)

    def test_one_runner_stores_the_next_fetches(self):
        url = self.fresh_location("shared")
        r, hits = self.scan("first", "local-a", "--cache-url", url)
        self.assertEqual(hits, [])
        stored = glob.glob(os.path.join(self.nginx.root, "cache", "shared", "*"))
        units = len(json.loads(self.plain["results.json"])["units"])
        self.assertEqual(len(stored), units)
        self.assertIn("0 entries fetched, %d not there, %d stored" % (units, units), r.stderr)
        # Another runner, empty local cache: every unit from the server, then kept locally.
        r, hits = self.scan("second", "local-b", "--cache-url", url)
        self.assertEqual(len(hits), units)
        self.assertIn("%d entries fetched" % units, r.stderr)
        self.assertEqual(len(test_result_cache.entries(os.path.join(self.tmp, "local-b"))), units)
        # A third scan on that runner needs the server no more.
        before = len(self.nginx.methods())
        r, hits = self.scan("third", "local-b", "--cache-url", url)
        self.assertEqual(len(hits), units)
        self.assertEqual(len(self.nginx.methods()), before)

    def test_a_read_only_job_never_stores(self):
        url = self.fresh_location("pr")
        r, hits = self.scan("pr", "local-pr", "--cache-url", url, "--cache-read-only")
        self.assertEqual(hits, [])
        self.assertEqual(glob.glob(os.path.join(self.nginx.root, "cache", "pr", "*")), [])
        self.assertIn("0 stored (read-only)", r.stderr)
        self.assertNotIn("warning: cache server", r.stderr)

    def test_a_server_that_is_down_costs_one_warning(self):
        url = "http://127.0.0.1:%d/cache" % free_port()
        r, hits = self.scan("down", "local-down", "--cache-url", url)
        self.assertEqual(r.stderr.count("warning: cache server"), 1, r.stderr)
        self.assertIn("the rest of the scan uses the local cache only", r.stderr)
        self.assertIn("(unreachable)", r.stderr)
        self.assertTrue(test_result_cache.entries(os.path.join(self.tmp, "local-down")))

    def test_a_server_that_refuses_writes(self):
        r, hits = self.scan("refused", "local-refused", "--cache-url",
                            self.nginx.url("readonly"))
        self.assertEqual(r.stderr.count("warning: cache server"), 1, r.stderr)
        self.assertIn("PUT answered HTTP 405", r.stderr)

    def test_a_server_that_hangs_times_out(self):
        with socket.socket() as hang:
            hang.bind(("127.0.0.1", 0))
            hang.listen(64)  # accepts connections, never answers
            url = "http://127.0.0.1:%d/cache" % hang.getsockname()[1]
            start = time.monotonic()
            r, hits = self.scan("hang", "local-hang", "--cache-url", url, "--cache-timeout", "1")
            self.assertLess(time.monotonic() - start, 60)
        self.assertEqual(r.stderr.count("warning: cache server"), 1, r.stderr)
        self.assertIn("imed out", r.stderr)

    def test_corrupt_and_foreign_entries_are_misses(self):
        url = self.fresh_location("corrupt")
        self.scan("fill", "local-fill", "--cache-url", url)
        stored = glob.glob(os.path.join(self.nginx.root, "cache", "corrupt", "*"))
        with open(stored[0], "w") as f:
            f.write('{"format": 2, "key": "not this one", "inputs": []')  # truncated, foreign
        with open(stored[1], "w") as f:
            json.dump({"format": 2, "key": os.path.basename(stored[0]), "inputs": [],
                       "unit": {"file": "x.c", "status": "analysed"}}, f)  # another key's
        r, hits = self.scan("after", "local-after", "--cache-url", url)
        self.assertEqual(len(hits), len(stored) - 2)
        self.assertNotIn("warning", r.stderr)

    def test_bad_urls(self):
        for extra, message in ((["--cache-url", "ftp://h/x"], "http:// or https://"),
                               (["--cache-url", "file:///tmp"], "http:// or https://"),
                               (["--cache-read-only"], "applies to --cache-url"),
                               (["--cache-url", "http://h", "--cache-timeout", "0"],
                                "--cache-timeout takes")):
            r = run([MEDSEC, "scan", "-p", self.build, "-o", os.path.join(self.tmp, "x.json")] +
                    extra, cwd=self.src)
            self.assertEqual(r.returncode, 2, (extra, r.stderr))
            self.assertIn(message, r.stderr)

    def test_passwords_stay_out_of_messages(self):
        url = "http://ci:s3cret@127.0.0.1:%d/cache" % free_port()
        r, _ = self.scan("secret", "local-secret", "--cache-url", url)
        self.assertNotIn("s3cret", r.stderr)
        self.assertIn("http://ci:***@127.0.0.1", r.stderr)


if __name__ == "__main__":
    unittest.main()
