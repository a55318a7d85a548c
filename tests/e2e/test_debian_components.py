"""The inventory of a tree vendoring the real lwIP and Mbed TLS sources from Debian.

Needs MEDSEC_DEBIAN_SOURCES=DIR holding DIR/lwip/src and DIR/mbedtls/src, as
  ../shared/corpora/fetch-debian-source.sh lwip DIR/lwip
  ../shared/corpora/fetch-debian-source.sh mbedtls DIR/mbedtls
make them (third-party code: never committed). Without them the test is skipped, saying why.
"""
import os
import re
import unittest

from common import MEDSEC, TempDir, load_json, run, write_db
from test_components import check_spdx, validate_cyclonedx

SOURCES = os.environ.get("MEDSEC_DEBIAN_SOURCES", "")
LWIP = os.path.join(SOURCES, "lwip", "src")
MBEDTLS = os.path.join(SOURCES, "mbedtls", "src")
LWIP_INIT = os.path.join(LWIP, "src", "include", "lwip", "init.h")
MBEDTLS_VERSION = os.path.join(MBEDTLS, "include", "mbedtls", "version.h")
MBEDTLS_BUILD_INFO = os.path.join(MBEDTLS, "include", "mbedtls", "build_info.h")


def present():
    return SOURCES and os.path.isfile(LWIP_INIT) and os.path.isfile(
        os.path.join(MBEDTLS, "library", "aes.c"))


def macro(path, name):
    with open(path, errors="replace") as f:
        m = re.search(r"^#define\s+%s\s+(\S+)" % name, f.read(), re.M)
    return m.group(1) if m else None


@unittest.skipUnless(present(), "Debian lwIP/Mbed TLS sources not present: set "
                     "MEDSEC_DEBIAN_SOURCES=DIR after fetch-debian-source.sh lwip DIR/lwip and "
                     "fetch-debian-source.sh mbedtls DIR/mbedtls")
class DebianSources(unittest.TestCase):
    def test_versions_files_and_sboms(self):
        # The versions as the sources spell them, read here without a preprocessor.
        lwip = ".".join(macro(LWIP_INIT, "LWIP_VERSION_" + p)
                        for p in ("MAJOR", "MINOR", "REVISION"))
        header = MBEDTLS_BUILD_INFO if os.path.isfile(MBEDTLS_BUILD_INFO) and macro(
            MBEDTLS_BUILD_INFO, "MBEDTLS_VERSION_STRING") else MBEDTLS_VERSION
        mbed = macro(header, "MBEDTLS_VERSION_STRING").strip('"')
        with TempDir() as tmp:
            os.makedirs(os.path.join(tmp, "third_party"))
            os.symlink(LWIP, os.path.join(tmp, "third_party", "lwip"))
            os.symlink(MBEDTLS, os.path.join(tmp, "third_party", "mbedtls"))
            os.makedirs(os.path.join(tmp, "port", "arch"))
            os.makedirs(os.path.join(tmp, "src"))
            with open(os.path.join(tmp, "port", "lwipopts.h"), "w") as f:
                f.write("#define NO_SYS 1\n#define LWIP_SOCKET 0\n#define LWIP_NETCONN 0\n")
            with open(os.path.join(tmp, "port", "arch", "cc.h"), "w") as f:
                f.write("#include <stdint.h>\n#include <stdlib.h>\n"
                        "typedef int sys_prot_t;\n#define LWIP_PLATFORM_DIAG(x)\n"
                        "#define LWIP_PLATFORM_ASSERT(x) abort()\n")
            with open(os.path.join(tmp, "src", "main.c"), "w") as f:
                f.write('#include "lwip/init.h"\n#include "mbedtls/version.h"\n'
                        "int main(void) { lwip_init(); "
                        "return (int)mbedtls_version_get_number(); }\n")
            units = ["src/main.c", "third_party/lwip/src/core/init.c",
                     "third_party/lwip/src/core/tcp.c", "third_party/mbedtls/library/aes.c",
                     "third_party/mbedtls/library/version.c"]
            flags = ["-Iport", "-Ithird_party/lwip/src/include", "-Ithird_party/mbedtls/include"]
            write_db(tmp, [{"directory": tmp, "file": u,
                            "arguments": ["clang-19", "-c", "-std=gnu11"] + flags + [u]}
                           for u in units])
            out = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-j", "2", "-o", out,
                     "--checks=-*,medsec-banned-functions"], cwd=tmp)
            self.assertIn(r.returncode, (0, 1), r.stderr)
            res = load_json(out)
            self.assertTrue(res["summary"]["complete"], r.stderr)
            comps = {c["id"]: c for c in res["components"]}
            self.assertEqual(sorted(comps), ["lwip", "mbedtls"])
            self.assertEqual((comps["lwip"]["version"], comps["lwip"]["versionBasis"]),
                             (lwip, "macro"))
            self.assertEqual((comps["mbedtls"]["version"], comps["mbedtls"]["versionBasis"]),
                             (mbed, "macro"))
            compiled = {c: sorted(f["path"] for f in comps[c]["files"] if f["role"] == "compiled")
                        for c in comps}
            self.assertEqual(compiled, {
                "lwip": ["third_party/lwip/src/core/init.c", "third_party/lwip/src/core/tcp.c"],
                "mbedtls": ["third_party/mbedtls/library/aes.c",
                            "third_party/mbedtls/library/version.c"]})
            self.assertGreater(comps["lwip"]["includedFiles"], 10)
            self.assertEqual(res["unidentifiedComponents"], [])
            cdx, spdx = os.path.join(tmp, "b.cdx.json"), os.path.join(tmp, "b.spdx.json")
            self.assertEqual(run([MEDSEC, "sbom", "-r", out, "-o", cdx]).returncode, 0)
            v = validate_cyclonedx(cdx)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            self.assertEqual(run([MEDSEC, "sbom", "-r", out, "-o", spdx, "--format", "spdx",
                                  "--timestamp", "2026-01-01T00:00:00Z"]).returncode, 0)
            files = check_spdx(self, load_json(spdx), tmp)
            self.assertEqual({p: len(f) for p, f in files.items()},
                             {"SPDXRef-Package-" + c: len(comps[c]["files"]) for c in comps})


if __name__ == "__main__":
    unittest.main()
