"""`medsec scan` records the third-party components a build compiles or includes (docs/sbom.md).

The vendored trees are written by the test: our own few lines in each library's real layout,
with its version macros spelt as the library spells them (never the library's code).
"""
import os
import unittest

from common import MEDSEC, TempDir, load_json, run, write_db

# lwIP builds LWIP_VERSION_STRING by stringification and picks the suffix with #if: only a
# preprocessor gets "2.1.3" (release) or "2.2.0d" (development) right.
LWIP_INIT_H = """#ifndef LWIP_HDR_INIT_H
#define LWIP_HDR_INIT_H
#define LWIP_VERSION_MAJOR      2
#define LWIP_VERSION_MINOR      %(minor)d
#define LWIP_VERSION_REVISION   %(rev)d
#define LWIP_VERSION_RC         %(rc)s
#define LWIP_RC_RELEASE         255
#define LWIP_RC_DEVELOPMENT     0
#define LWIP_VERSION_IS_RELEASE     (LWIP_VERSION_RC == LWIP_RC_RELEASE)
#define LWIP_VERSION_IS_DEVELOPMENT (LWIP_VERSION_RC == LWIP_RC_DEVELOPMENT)
#define LWIP_VERSTR2(x) #x
#define LWIP_VERSTR(x) LWIP_VERSTR2(x)
#if LWIP_VERSION_IS_RELEASE
#define LWIP_VERSION_STRING_SUFFIX ""
#elif LWIP_VERSION_IS_DEVELOPMENT
#define LWIP_VERSION_STRING_SUFFIX "d"
#else
#define LWIP_VERSION_STRING_SUFFIX "rc" LWIP_VERSTR(LWIP_VERSION_RC)
#endif
#define LWIP_VERSION_STRING     LWIP_VERSTR(LWIP_VERSION_MAJOR) "." LWIP_VERSTR(LWIP_VERSION_MINOR) "." LWIP_VERSTR(LWIP_VERSION_REVISION) LWIP_VERSION_STRING_SUFFIX
void lwip_init(void);
#endif
"""

FILES = {
    "third_party/lwip/src/include/lwip/init.h": LWIP_INIT_H % {"minor": 1, "rev": 3,
                                                               "rc": "LWIP_RC_RELEASE"},
    "third_party/lwip/src/core/init.c": '#include "lwip/init.h"\nvoid lwip_init(void) {}\n',
    "third_party/lwip/COPYING": "stand-in licence file\n",
    # littlefs: an integer expression over another macro.
    "lib/littlefs/lfs.h": "#define LFS_VERSION 0x00020009\n"
                          "#define LFS_VERSION_MAJOR (0xffff & (LFS_VERSION >> 16))\n"
                          "#define LFS_VERSION_MINOR (0xffff & (LFS_VERSION >>  0))\n"
                          "int lfs_mount(void);\n",
    # A vendored tree the catalogue does not know, with its own licence: listed.
    "third_party/crc16/LICENSE": "stand-in licence file\n",
    "third_party/crc16/crc16.h": "unsigned short crc16(const unsigned char *p, unsigned n);\n",
    # lib/ of the project's own, without licence or README: not listed.
    "lib/util/util.h": "int clamp(int v);\n",
    # A project header named like FreeRTOS's task.h, without its version macro: not FreeRTOS.
    "src/task.h": "void task_run(void);\n",
    # A project that defines a library's macro itself does not make it that library's version.
    "src/app.h": '#define MBEDTLS_VERSION_STRING "9.9.9"\n',
    "src/main.c": '#include "lwip/init.h"\n#include "lfs.h"\n#include "crc16.h"\n'
                  '#include "util.h"\n#include "task.h"\n#include "app.h"\n'
                  'int main(void) { lwip_init(); return lfs_mount() + clamp(crc16(0, 0)); }\n',
}

INCLUDES = ["-Ithird_party/lwip/src/include", "-Ilib/littlefs", "-Ithird_party/crc16",
            "-Ilib/util", "-Isrc"]


def make_tree(tmp, files=FILES):
    for name, text in files.items():
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    units = ["src/main.c", "third_party/lwip/src/core/init.c"]
    write_db(tmp, [{"directory": tmp, "file": u,
                    "arguments": ["clang-19", "-c", "-std=c11"] + INCLUDES + [u]} for u in units])


def scan(tmp, jobs="2", out="r.json"):
    r = run([MEDSEC, "scan", "-p", tmp, "-j", jobs, "-o", os.path.join(tmp, out)], cwd=tmp)
    return r, os.path.join(tmp, out)


class ComponentRecognition(unittest.TestCase):
    def test_components_versions_files_and_unidentified_trees(self):
        with TempDir() as tmp:
            make_tree(tmp)
            r, out = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            res = load_json(out)
            comps = {c["id"]: c for c in res["components"]}
            self.assertEqual(sorted(comps), ["littlefs", "lwip"])
            lwip = comps["lwip"]
            self.assertEqual(lwip["version"], "2.1.3")
            self.assertEqual(lwip["versionBasis"], "macro")
            self.assertFalse(lwip["development"])
            self.assertEqual(lwip["purl"], "pkg:generic/lwip@2.1.3")
            self.assertEqual(lwip["cpe"], "cpe:2.3:a:lwip_project:lwip:2.1.3:*:*:*:*:*:*:*")
            self.assertEqual(lwip["evidence"], [{
                "macro": "LWIP_VERSION_STRING", "value": "2.1.3",
                "file": "third_party/lwip/src/include/lwip/init.h", "line": 20}])
            self.assertEqual([(f["path"], f["role"]) for f in lwip["files"]],
                             [("third_party/lwip/src/core/init.c", "compiled"),
                              ("third_party/lwip/src/include/lwip/init.h", "included")])
            self.assertEqual((lwip["compiledFiles"], lwip["includedFiles"]), (1, 1))
            self.assertEqual(lwip["units"], ["src/main.c", "third_party/lwip/src/core/init.c"])
            self.assertEqual(len(lwip["sha256"]), 64)
            lfs = comps["littlefs"]
            self.assertEqual(lfs["version"], "2.9")
            self.assertEqual([e["macro"] for e in lfs["evidence"]],
                             ["LFS_VERSION_MAJOR", "LFS_VERSION_MINOR"])
            self.assertEqual(res["unidentifiedComponents"], [{
                "path": "third_party/crc16", "evidence": ["LICENSE"],
                "files": ["third_party/crc16/crc16.h"]}])
            self.assertEqual(res["summary"]["components"], 2)
            self.assertEqual(res["summary"]["unidentifiedComponents"], 1)
            self.assertIn("medsec: component: lwip 2.1.3: 1 file(s) compiled, 1 header(s) "
                          "included, in 2 unit(s)", r.stderr)
            self.assertIn("medsec: unidentified third-party tree: third_party/crc16 (LICENSE; "
                          "1 file(s) used)", r.stderr)
            # The worker-only inventory does not leak into the units of results.json.
            self.assertNotIn("components", res["units"][0])

    def test_development_and_release_candidate_suffixes(self):
        for rc, want, dev in (("LWIP_RC_DEVELOPMENT", "2.2.0d", True), ("2", "2.2.0rc2", False)):
            with TempDir() as tmp:
                files = dict(FILES)
                files["third_party/lwip/src/include/lwip/init.h"] = LWIP_INIT_H % {
                    "minor": 2, "rev": 0, "rc": rc}
                make_tree(tmp, files)
                r, out = scan(tmp)
                self.assertEqual(r.returncode, 0, r.stderr)
                lwip = [c for c in load_json(out)["components"] if c["id"] == "lwip"][0]
                self.assertEqual((lwip["version"], lwip["development"]), (want, dev))

    def test_project_declares_a_component_and_corrects_one(self):
        with TempDir() as tmp:
            files = dict(FILES)
            files[".medsec.yaml"] = ("schema: medsec-rules/1\ncomponents:\n"
                                     "  - id: crc16\n    name: CRC-16 routines\n"
                                     "    supplier: ACME Medical\n    licence: MIT\n"
                                     "    paths: [\"third_party/crc16/**\"]\n"
                                     "    declared-version: \"1.2\"\n"
                                     "  - id: lwip\n    support: maintenance\n"
                                     "    end-of-support: 2030-06-30\n")
            make_tree(tmp, files)
            r, out = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            res = load_json(out)
            comps = {c["id"]: c for c in res["components"]}
            self.assertEqual(comps["crc16"]["version"], "1.2")
            self.assertEqual(comps["crc16"]["versionBasis"], "declared")
            self.assertEqual(comps["crc16"]["evidence"][0]["file"], ".medsec.yaml")
            self.assertEqual(comps["crc16"]["supplier"], "ACME Medical")
            self.assertEqual((comps["lwip"]["support"], comps["lwip"]["endOfSupport"]),
                             ("maintenance", "2030-06-30"))
            self.assertEqual(res["unidentifiedComponents"], [])

    def test_nothing_found_is_said(self):
        with TempDir() as tmp:
            make_tree(tmp, {"a.c": "int a(void) { return 0; }\n"})
            write_db(tmp, [{"directory": tmp, "file": "a.c", "arguments": ["clang-19", "-c", "a.c"]}])
            r, out = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(load_json(out)["components"], [])
            self.assertIn("medsec: components: no catalogued component and no unidentified "
                          "third-party tree", r.stderr)

    def test_byte_identical_at_any_parallelism(self):
        with TempDir() as tmp:
            make_tree(tmp)
            outs = []
            for jobs in ("1", "2", "4"):
                r, out = scan(tmp, jobs, "r%s.json" % jobs)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(out, "rb") as f:
                    outs.append(f.read())
            self.assertEqual(outs[0], outs[1])
            self.assertEqual(outs[0], outs[2])


if __name__ == "__main__":
    unittest.main()
