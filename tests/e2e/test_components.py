"""`medsec scan` records the third-party components a build compiles or includes (docs/sbom.md).

The vendored trees are written by the test: our own few lines in each library's real layout,
with its version macros spelt as the library spells them (never the library's code).
"""
import hashlib
import json
import os
import unittest

from common import MEDSEC, PUMP, ROOT, TempDir, configure_pump, load_json, run, write_db

VALIDATOR = os.path.join(ROOT, "tests", "e2e", "cyclonedx_validate.js")
# What the SBOM of the sample firmware says about its vendored libraries; regenerate with
# MEDSEC_UPDATE_GOLDEN=1 python3 -m unittest test_components.SampleFirmware and review the diff.
SAMPLE_GOLDEN = os.path.join(ROOT, "tests", "e2e", "golden", "infusion-pump-sbom.json")

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
    # STMicroelectronics ships its drivers with Release_Notes.html only.
    "Drivers/STM32F4xx_StdPeriph_Driver/Release_Notes.html": "<p>stand-in</p>\n",
    "Drivers/STM32F4xx_StdPeriph_Driver/inc/stm32f4xx_gpio.h": "void GPIO_Init(void);\n",
    # lib/ of the project's own, without licence or README: not listed.
    "lib/util/util.h": "int clamp(int v);\n",
    # A project header named like FreeRTOS's task.h, without its version macro: not FreeRTOS.
    "src/task.h": "void task_run(void);\n",
    # A project that defines a library's macro itself does not make it that library's version.
    "src/app.h": '#define MBEDTLS_VERSION_STRING "9.9.9"\n',
    "src/main.c": '#include "lwip/init.h"\n#include "lfs.h"\n#include "crc16.h"\n'
                  '#include "stm32f4xx_gpio.h"\n'
                  '#include "util.h"\n#include "task.h"\n#include "app.h"\n'
                  'int main(void) { lwip_init(); return lfs_mount() + clamp(crc16(0, 0)); }\n',
}

INCLUDES = ["-Ithird_party/lwip/src/include", "-Ilib/littlefs", "-Ithird_party/crc16",
            "-Ilib/util", "-Isrc", "-IDrivers/STM32F4xx_StdPeriph_Driver/inc"]


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


def check_spdx(test, doc, root):
    """SPDX 2.3 structure (the spec's required fields and rules, clauses in comments), checked
    against the files on disk under root. Returns {package id: [file paths]}."""
    for key in ("spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace",
                "creationInfo", "packages", "relationships"):
        test.assertIn(key, doc)
    test.assertEqual(doc["SPDXID"], "SPDXRef-DOCUMENT")
    ids = {"SPDXRef-DOCUMENT"}
    idre = r"^SPDXRef-[A-Za-z0-9.-]+$"  # 3.2, 7.2, 8.2
    for p in doc["packages"]:
        for key in ("SPDXID", "name", "downloadLocation"):  # 7.1, 7.2, 7.7
            test.assertIn(key, p)
        test.assertRegex(p["SPDXID"], idre)
        test.assertNotIn(p["SPDXID"], ids)
        ids.add(p["SPDXID"])
    sha1 = {}
    for f in doc.get("files", []):
        for key in ("SPDXID", "fileName", "checksums"):  # 8.1, 8.2, 8.4
            test.assertIn(key, f)
        test.assertRegex(f["SPDXID"], idre)
        test.assertNotIn(f["SPDXID"], ids)
        ids.add(f["SPDXID"])
        test.assertTrue(f["fileName"].startswith("./"), f["fileName"])  # 8.1
        with open(os.path.join(root, f["fileName"][2:]), "rb") as fh:
            data = fh.read()
        sums = {c["algorithm"]: c["checksumValue"] for c in f["checksums"]}
        test.assertEqual(sums.get("SHA1"), hashlib.sha1(data).hexdigest(), f["fileName"])  # 8.4
        test.assertEqual(sums.get("SHA256"), hashlib.sha256(data).hexdigest(), f["fileName"])
        sha1[f["SPDXID"]] = (f["fileName"][2:], sums["SHA1"])
    contains = {}
    for rel in doc["relationships"]:
        test.assertIn(rel["spdxElementId"], ids)
        test.assertIn(rel["relatedSpdxElement"], ids)
        if rel["relatedSpdxElement"] in sha1:
            test.assertEqual(rel["relationshipType"], "CONTAINS")
            contains.setdefault(rel["spdxElementId"], []).append(rel["relatedSpdxElement"])
    # Every file in exactly one package.
    owned = [x for files in contains.values() for x in files]
    test.assertEqual(sorted(owned), sorted(sha1))
    out = {}
    for p in doc["packages"]:
        files = contains.get(p["SPDXID"], [])
        if not p.get("filesAnalyzed", True):
            test.assertEqual(files, [], p["SPDXID"])  # 7.8: no files when false
            test.assertNotIn("packageVerificationCode", p)  # 7.9
            continue
        # 7.9: SHA-1 over the sorted SHA-1s of the package's files.
        code = hashlib.sha1("".join(sorted(sha1[x][1] for x in files)).encode()).hexdigest()
        test.assertEqual(p["packageVerificationCode"]["packageVerificationCodeValue"], code)
        out[p["SPDXID"]] = [sha1[x][0] for x in files]
    return out


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
                "path": "Drivers/STM32F4xx_StdPeriph_Driver", "evidence": ["Release_Notes.html"],
                "files": ["Drivers/STM32F4xx_StdPeriph_Driver/inc/stm32f4xx_gpio.h"]}, {
                "path": "third_party/crc16", "evidence": ["LICENSE"],
                "files": ["third_party/crc16/crc16.h"]}])
            self.assertEqual(res["summary"]["components"], 2)
            self.assertEqual(res["summary"]["unidentifiedComponents"], 2)
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
            self.assertEqual([u["path"] for u in res["unidentifiedComponents"]],
                             ["Drivers/STM32F4xx_StdPeriph_Driver"])

    def test_cmsis_core_is_arms_headers_only(self):
        # STM32Cube layout: Arm's Core(M) headers, ST's device headers and CMSIS-DSP all live under
        # Drivers/CMSIS; the CMSIS 1.x layout put ST's stm32f10x.h beside Arm's core_cm3.h.
        st_device = ("#define __STM32F4xx_CMSIS_VERSION_MAIN   (0x02U)\n"
                     "#define __STM32F4xx_CMSIS_VERSION_SUB1   (0x06U)\n"
                     "#define __STM32F4xx_CMSIS_VERSION_SUB2   (0x0AU)\n"
                     "#define __STM32F4xx_CMSIS_VERSION_RC     (0x00U)\n"
                     '#include "core_cm4.h"\n#include "system_stm32f4xx.h"\n')
        files = {
            "Drivers/CMSIS/LICENSE.txt": "stand-in licence file\n",
            "Drivers/CMSIS/Include/cmsis_version.h": "#define __CM_CMSIS_VERSION_MAIN  ( 5U)\n"
                                                     "#define __CM_CMSIS_VERSION_SUB   ( 6U)\n",
            "Drivers/CMSIS/Include/core_cm4.h": '#include "cmsis_version.h"\n',
            "Drivers/CMSIS/Device/ST/STM32F4xx/Include/stm32f4xx.h": st_device,
            "Drivers/CMSIS/Device/ST/STM32F4xx/Include/system_stm32f4xx.h": "void SystemInit(void);\n",
            "Drivers/CMSIS/Device/ST/STM32F4xx/Source/Templates/system_stm32f4xx.c":
                '#include "stm32f4xx.h"\nvoid SystemInit(void) {}\n',
            "Drivers/CMSIS/DSP/Include/arm_math.h": "float arm_sin_f32(float x);\n",
            "lib/CMSIS/License.doc": "stand-in licence file\n",
            "lib/CMSIS/Core/CM3/core_cm3.h": "#define __CM3_CMSIS_VERSION_MAIN (0x01)\n",
            "lib/CMSIS/Core/CM3/stm32f10x.h": '#include "core_cm3.h"\n'
                                              "#define __STM32F10X_STDPERIPH_VERSION_MAIN (0x03)\n",
            "src/main.c": '#include "stm32f4xx.h"\n#include "arm_math.h"\n#include "stm32f10x.h"\n'
                          "int main(void) { SystemInit(); return (int)arm_sin_f32(0.0f); }\n",
        }
        inc = ["-IDrivers/CMSIS/Include", "-IDrivers/CMSIS/Device/ST/STM32F4xx/Include",
               "-IDrivers/CMSIS/DSP/Include", "-Ilib/CMSIS/Core/CM3"]
        units = ["src/main.c", "Drivers/CMSIS/Device/ST/STM32F4xx/Source/Templates/system_stm32f4xx.c"]
        with TempDir() as tmp:
            make_tree(tmp, files)
            write_db(tmp, [{"directory": tmp, "file": u,
                            "arguments": ["clang-19", "-c", "-std=c11"] + inc + [u]} for u in units])
            r, out = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            res = load_json(out)
            comps = {c["id"]: c for c in res["components"]}
            self.assertEqual(sorted(comps), ["cmsis-core", "stm32f4xx-cmsis-device"])
            self.assertEqual([f["path"] for f in comps["cmsis-core"]["files"]],
                             ["Drivers/CMSIS/Include/cmsis_version.h",
                              "Drivers/CMSIS/Include/core_cm4.h", "lib/CMSIS/Core/CM3/core_cm3.h"])
            self.assertEqual(comps["cmsis-core"]["version"], "5.6")
            st = comps["stm32f4xx-cmsis-device"]
            self.assertEqual((st["version"], st["supplier"]), ("2.6.10", "STMicroelectronics"))
            self.assertEqual(st["purl"], "pkg:github/STMicroelectronics/cmsis_device_f4@v2.6.10")
            self.assertEqual([(f["path"], f["role"]) for f in st["files"]], [
                ("Drivers/CMSIS/Device/ST/STM32F4xx/Include/stm32f4xx.h", "included"),
                ("Drivers/CMSIS/Device/ST/STM32F4xx/Include/system_stm32f4xx.h", "included"),
                ("Drivers/CMSIS/Device/ST/STM32F4xx/Source/Templates/system_stm32f4xx.c",
                 "compiled")])
            # CMSIS-DSP and the old ST header are neither CMSIS-Core nor dropped.
            self.assertEqual([(u["path"], u["files"]) for u in res["unidentifiedComponents"]], [
                ("Drivers/CMSIS", ["Drivers/CMSIS/DSP/Include/arm_math.h"]),
                ("lib/CMSIS", ["lib/CMSIS/Core/CM3/stm32f10x.h"])])

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


def validate_cyclonedx(path):
    return run(["node", VALIDATOR, path])


class Sbom(unittest.TestCase):
    def scanned(self, tmp):
        make_tree(tmp)
        r, out = scan(tmp)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def test_cyclonedx_is_valid_deterministic_and_complete(self):
        with TempDir() as tmp:
            out = self.scanned(tmp)
            boms = []
            for n in ("1", "2"):
                bom = os.path.join(tmp, "bom%s.cdx.json" % n)
                r = run([MEDSEC, "sbom", "-r", out, "-o", bom, "--name", "IP-400 pump",
                         "--firmware-version", "4.2.0", "--supplier", "ACME Medical"])
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("CycloneDX 1.6 SBOM of 2 component(s) and 2 unidentified", r.stderr)
                with open(bom, "rb") as f:
                    boms.append(f.read())
            self.assertEqual(boms[0], boms[1])
            v = validate_cyclonedx(os.path.join(tmp, "bom1.cdx.json"))
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            doc = json.loads(boms[0])
            self.assertEqual(doc["specVersion"], "1.6")
            self.assertRegex(doc["serialNumber"], r"^urn:uuid:[0-9a-f-]{36}$")
            self.assertNotIn("timestamp", doc["metadata"])
            self.assertEqual(doc["metadata"]["component"],
                             {"type": "firmware", "bom-ref": "medsec:firmware",
                              "name": "IP-400 pump", "version": "4.2.0",
                              "supplier": {"name": "ACME Medical"}})
            comps = {c["bom-ref"]: c for c in doc["components"]}
            self.assertEqual(sorted(comps), [
                "medsec:component/littlefs", "medsec:component/lwip",
                "medsec:unidentified/Drivers/STM32F4xx_StdPeriph_Driver",
                "medsec:unidentified/third_party/crc16"])
            lwip = comps["medsec:component/lwip"]
            self.assertEqual((lwip["name"], lwip["version"], lwip["purl"]),
                             ("lwIP", "2.1.3", "pkg:generic/lwip@2.1.3"))
            self.assertEqual(lwip["licenses"], [{"expression": "BSD-3-Clause"}])
            self.assertEqual(lwip["hashes"][0]["alg"], "SHA-256")
            self.assertIn({"location": "third_party/lwip/src/include/lwip/init.h", "line": 20,
                           "symbol": "LWIP_VERSION_STRING",
                           "additionalContext": "included; defines the version macro"},
                          lwip["evidence"]["occurrences"])
            version_id = [i for i in lwip["evidence"]["identity"] if i["field"] == "version"][0]
            self.assertEqual(version_id["methods"][0]["technique"], "source-code-analysis")
            self.assertIn({"name": "fda:support-level", "value": "unknown"}, lwip["properties"])
            self.assertEqual(doc["dependencies"], [{"ref": "medsec:firmware",
                                                    "dependsOn": sorted(comps)}])
            # The validator is not a rubber stamp: an unknown field is rejected.
            doc["components"][0]["bogus"] = 1
            bad = os.path.join(tmp, "bad.cdx.json")
            with open(bad, "w") as f:
                json.dump(doc, f)
            v = validate_cyclonedx(bad)
            self.assertEqual(v.returncode, 1, v.stdout + v.stderr)
            self.assertIn("additionalProperties", v.stdout)

    def test_spdx_required_fields(self):
        with TempDir() as tmp:
            out = self.scanned(tmp)
            spdx = os.path.join(tmp, "bom.spdx.json")
            r = run([MEDSEC, "sbom", "-r", out, "-o", spdx, "--format", "spdx"],
                    env={"SOURCE_DATE_EPOCH": "1767225600"})
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = load_json(spdx)
            for key in ("spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace",
                        "creationInfo", "packages", "relationships"):
                self.assertIn(key, doc)
            self.assertEqual((doc["spdxVersion"], doc["dataLicense"], doc["SPDXID"]),
                             ("SPDX-2.3", "CC0-1.0", "SPDXRef-DOCUMENT"))
            self.assertEqual(doc["creationInfo"]["created"], "2026-01-01T00:00:00Z")
            self.assertTrue(doc["creationInfo"]["creators"][0].startswith("Tool: medsec-"))
            files = check_spdx(self, doc, tmp)
            lwip = [p for p in doc["packages"] if p["SPDXID"] == "SPDXRef-Package-lwip"][0]
            self.assertEqual(lwip["versionInfo"], "2.1.3")
            self.assertIn({"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                           "referenceLocator": "pkg:generic/lwip@2.1.3"}, lwip["externalRefs"])
            # The files section: exactly the files of each component the build used.
            results = {c["id"]: sorted(f["path"] for f in c["files"])
                       for c in load_json(out)["components"]}
            self.assertEqual({p: sorted(f) for p, f in files.items()},
                             {"SPDXRef-Package-" + i: f for i, f in results.items()})
            self.assertEqual(results["lwip"], ["third_party/lwip/src/core/init.c",
                                               "third_party/lwip/src/include/lwip/init.h"])
            # The checks can fail: a wrong SHA-1 or verification code is caught.
            bad = json.loads(json.dumps(doc))
            bad["files"][0]["checksums"][0]["checksumValue"] = "0" * 40
            with self.assertRaises(AssertionError):
                check_spdx(self, bad, tmp)
            bad = json.loads(json.dumps(doc))
            bad["relationships"].append({"spdxElementId": "SPDXRef-Package-lwip",
                                         "relationshipType": "CONTAINS",
                                         "relatedSpdxElement": "SPDXRef-File-nowhere"})
            with self.assertRaises(AssertionError):
                check_spdx(self, bad, tmp)

    def test_spdx_from_results_without_sha1(self):
        """Results of a scan before SHA-1 was recorded: the packages stay, without files."""
        with TempDir() as tmp:
            out = self.scanned(tmp)
            res = load_json(out)
            for c in res["components"]:
                for f in c["files"]:
                    del f["sha1"]
            old = os.path.join(tmp, "old.json")
            with open(old, "w") as f:
                json.dump(res, f)
            spdx = os.path.join(tmp, "old.spdx.json")
            r = run([MEDSEC, "sbom", "-r", old, "-o", spdx, "--format", "spdx",
                     "--timestamp", "2026-01-01T00:00:00Z"])
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = load_json(spdx)
            self.assertEqual(check_spdx(self, doc, tmp), {})
            self.assertEqual(doc["files"], [])
            libs = [p for p in doc["packages"] if p.get("primaryPackagePurpose") == "LIBRARY"]
            self.assertTrue(libs)
            self.assertFalse(any(p["filesAnalyzed"] for p in libs))

    def test_end_of_support_and_bad_usage(self):
        with TempDir() as tmp:
            files = dict(FILES)
            files[".medsec.yaml"] = ("schema: medsec-rules/1\ncomponents:\n  - id: lwip\n"
                                     "    support: maintenance\n    end-of-support: 2030-06-30\n")
            make_tree(tmp, files)
            r, out = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            spdx, cdx = os.path.join(tmp, "b.spdx.json"), os.path.join(tmp, "b.cdx.json")
            self.assertEqual(run([MEDSEC, "sbom", "-r", out, "-o", spdx, "--format", "spdx",
                                  "--timestamp", "2026-02-03T04:05:06Z"]).returncode, 0)
            lwip = [p for p in load_json(spdx)["packages"] if p["name"] == "lwIP"][0]
            self.assertEqual(lwip["validUntilDate"], "2030-06-30T00:00:00Z")
            self.assertEqual(run([MEDSEC, "sbom", "-r", out, "-o", cdx]).returncode, 0)
            lwip = [c for c in load_json(cdx)["components"] if c["name"] == "lwIP"][0]
            self.assertIn({"name": "fda:end-of-support", "value": "2030-06-30"}, lwip["properties"])
            self.assertIn({"name": "fda:support-level", "value": "maintenance"}, lwip["properties"])
            for args, message in ((["--format", "xml"], "unknown SBOM format 'xml'"),
                                  (["--timestamp", "yesterday"], "--timestamp takes")):
                r = run([MEDSEC, "sbom", "-r", out, "-o", cdx] + args)
                self.assertEqual(r.returncode, 2)
                self.assertIn(message, r.stderr)
            r = run([MEDSEC, "sbom", "-r", os.path.join(tmp, "missing.json"), "-o", cdx])
            self.assertEqual(r.returncode, 2)
            self.assertIn("cannot read", r.stderr)


class KnownVulnerabilities(unittest.TestCase):
    """medsec sbom --vex / medsec report --vulnerabilities on a generated tree (lwIP 2.1.3,
    littlefs 2.9)."""

    def test_unassessed_vulnerabilities_are_flagged_everywhere(self):
        with TempDir() as tmp:
            make_tree(tmp)
            r, out = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            osv = os.path.join(tmp, "osv.json")
            with open(osv, "w") as f:
                json.dump([{"id": "OSV-TEST-1", "aliases": ["CVE-2099-1"],
                            "affected": [{"package": {"purl": "pkg:generic/lwip"},
                                          "ranges": [{"type": "SEMVER", "events": [
                                              {"introduced": "2.0.0"}, {"fixed": "2.2.0"}]}]}]},
                           {"id": "OSV-TEST-2",
                            "affected": [{"package": {"purl":
                                                      "pkg:github/littlefs-project/littlefs"},
                                          "ranges": [{"type": "SEMVER", "events": [
                                              {"introduced": "0"}, {"fixed": "2.5.0"}]}]}]}], f)
            cdx = os.path.join(tmp, "b.cdx.json")
            r = run([MEDSEC, "sbom", "-r", out, "-o", cdx, "--vex", osv])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("medsec: warning: lwip: OSV-TEST-1 (>=2.0.0, <2.2.0): unassessed",
                          r.stderr)
            self.assertIn("medsec: vulnerability OSV-TEST-2 (pkg:github/littlefs-project/"
                          "littlefs) matches no component version of this scan", r.stderr)
            v = validate_cyclonedx(cdx)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            (vuln,) = load_json(cdx)["vulnerabilities"]
            self.assertNotIn("analysis", vuln)
            self.assertIn({"name": "medsec:assessment", "value": "unassessed"},
                          vuln["properties"])
            self.assertEqual(vuln["references"], [{"id": "CVE-2099-1",
                                                   "source": {"name": "alias"}}])
            rep = os.path.join(tmp, "rep")
            r = run([MEDSEC, "report", "-r", out, "-o", rep, "--format", "json,md",
                     "--vulnerabilities", osv])
            self.assertEqual(r.returncode, 0, r.stderr)
            j = load_json(os.path.join(rep, "report.json"))
            self.assertIn("1 known vulnerability(ies) of third-party components have no "
                          "assessment (see Third-party components)", j["summary"]["warnings"])
            self.assertIn("lwip: OSV-TEST-1 unassessed", j["thirdParty"]["gaps"])
            self.assertEqual(j["inputs"]["vulnerabilityFiles"][0]["format"], "OSV")
            with open(os.path.join(rep, "report.md")) as f:
                self.assertIn("UNASSESSED", f.read())
            # The team assesses it in a VEX of its own: the OSV record takes the assessment.
            team = os.path.join(tmp, "team.cdx.json")
            with open(team, "w") as f:
                json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [
                    {"id": "CVE-2099-1", "affects": [{"ref": "medsec:component/lwip"}],
                     "analysis": {"state": "not_affected", "justification": "code_not_present",
                                  "detail": "the affected module is not compiled"}}]}, f)
            r = run([MEDSEC, "sbom", "-r", out, "-o", cdx, "--vex", osv, "--vex", team])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("1 matching a component, 0 unassessed", r.stderr)
            (vuln,) = load_json(cdx)["vulnerabilities"]
            self.assertEqual(vuln["analysis"]["state"], "not_affected")
            self.assertEqual(validate_cyclonedx(cdx).returncode, 0)

    def test_bad_vulnerability_files_and_usage(self):
        with TempDir() as tmp:
            make_tree(tmp)
            r, out = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            bad = os.path.join(tmp, "bad.cdx.json")
            with open(bad, "w") as f:
                json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [
                    {"id": "X", "affects": [{"ref": "pkg:generic/lwip",
                                             "versions": [{"range": "2.x"}]}]}]}, f)
            cdx = os.path.join(tmp, "b.cdx.json")
            for cmd in ([MEDSEC, "sbom", "-r", out, "-o", cdx, "--vex", bad],
                        [MEDSEC, "report", "-r", out, "-o", os.path.join(tmp, "rep"),
                         "--vulnerabilities", bad]):
                r = run(cmd)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("%s: vulnerabilities[0].affects[0].versions[0]: cannot read the "
                              "range '2.x'" % bad, r.stderr)
            r = run([MEDSEC, "sbom", "-r", out, "-o", cdx, "--vex",
                     os.path.join(tmp, "missing.json")])
            self.assertEqual(r.returncode, 2)
            self.assertIn("missing.json: cannot read", r.stderr)
            r = run([MEDSEC, "sbom", "-r", out, "-o", cdx, "--format", "spdx", "--vex", bad])
            self.assertEqual(r.returncode, 2)
            self.assertIn("--vex: SPDX 2.3 has no place", r.stderr)


class SampleFirmware(unittest.TestCase):
    """The sample firmware vendors Mbed TLS, the FreeRTOS kernel and lwIP (stand-ins of our own
    carrying the libraries' version macros, test-inputs/infusion-pump/third_party/)."""

    def test_sbom_of_the_sample_firmware(self):
        with TempDir() as tmp:
            build = configure_pump(os.path.join(tmp, "pump"))
            out = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", build, "-j", "2", "-o", out])
            self.assertEqual(r.returncode, 1, r.stderr)  # the seeded findings
            for line in ("medsec: component: freertos-kernel 11.1.0: 0 file(s) compiled, "
                         "1 header(s) included, in 12 unit(s)",
                         "medsec: component: lwip 2.1.3: 0 file(s) compiled, 1 header(s) "
                         "included, in 2 unit(s)",
                         "medsec: component: mbedtls 3.6.0: 0 file(s) compiled, 1 header(s) "
                         "included, in 8 unit(s)"):
                self.assertIn(line, r.stderr)
            self.assertNotIn("unidentified third-party tree", r.stderr)
            cdx, spdx = os.path.join(tmp, "bom.cdx.json"), os.path.join(tmp, "bom.spdx.json")
            r = run([MEDSEC, "sbom", "-r", out, "-o", cdx, "--name", "IP-400"])
            self.assertEqual(r.returncode, 0, r.stderr)
            v = validate_cyclonedx(cdx)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            r = run([MEDSEC, "sbom", "-r", out, "-o", spdx, "--format", "spdx",
                     "--name", "IP-400", "--timestamp", "2026-01-01T00:00:00Z"])
            self.assertEqual(r.returncode, 0, r.stderr)
            c, s = load_json(cdx), load_json(spdx)
            self.assertEqual(len(check_spdx(self, s, ROOT)), 3)
            got = {"cyclonedx": {"components": c["components"],
                                 "dependencies": c["dependencies"]},
                   "spdx": {key: s.get(key) for key in ("packages", "files", "relationships")}}
            if os.environ.get("MEDSEC_UPDATE_GOLDEN"):
                os.makedirs(os.path.dirname(SAMPLE_GOLDEN), exist_ok=True)
                with open(SAMPLE_GOLDEN, "w") as f:
                    json.dump(got, f, indent=1, sort_keys=True)
                    f.write("\n")
            self.assertEqual(got, load_json(SAMPLE_GOLDEN))
            # Read from the golden data, the facts a reviewer checks first.
            comps = {x["name"]: x for x in got["cyclonedx"]["components"]}
            self.assertEqual({n: x["version"] for n, x in comps.items()},
                             {"Mbed TLS": "3.6.0", "FreeRTOS Kernel": "11.1.0", "lwIP": "2.1.3"})
            self.assertIn({"name": "fda:end-of-support", "value": "2027-03-31"},
                          comps["Mbed TLS"]["properties"])

            # The report shows the inventory as evidence for the third-party clauses and lists
            # both SBOM files, compared with the scan and hashed.
            rep = os.path.join(tmp, "report")
            r = run([MEDSEC, "report", "-r", out, "-o", rep, "--format", "md,json",
                     "--date", "2026-06-01", "--sbom", cdx, "--sbom", spdx])
            self.assertEqual(r.returncode, 0, r.stderr)
            j = load_json(os.path.join(rep, "report.json"))
            tp = j["thirdParty"]
            self.assertTrue(tp["inventoryRecorded"])
            self.assertEqual({c["id"]: c["version"] for c in tp["components"]},
                             {"mbedtls": "3.6.0", "freertos-kernel": "11.1.0", "lwip": "2.1.3"})
            # No vulnerability file: a gap, so "with gaps", never "shown".
            self.assertEqual({c["id"]: c["status"] for c in tp["clauses"]},
                             {"ansm:development/third-party": "inventory-gaps",
                              "fda-2023:V.A.4": "inventory-gaps"})
            self.assertEqual(tp["gaps"], ["known vulnerabilities not assessed: no vulnerability "
                                          "file given (medsec report --vulnerabilities)"])
            with open(cdx, "rb") as f:
                cdx_sha = hashlib.sha256(f.read()).hexdigest()
            with open(spdx, "rb") as f:
                spdx_sha = hashlib.sha256(f.read()).hexdigest()
            self.assertEqual([(x["format"], x["components"], x["state"], x["sha256"])
                              for x in j["inputs"]["sboms"]],
                             [("CycloneDX 1.6", 3, "matches the scan", cdx_sha),
                              ("SPDX 2.3", 3, "matches the scan", spdx_sha)])
            with open(os.path.join(rep, "report.md")) as f:
                md = f.read()
            self.assertIn("## 5. Third-party components", md)
            self.assertIn("- SBOM (CycloneDX 1\\.6): `%s` `%s`\n" % (cdx, cdx_sha), md)
            # An SBOM of another build (Mbed TLS 3.5.2) is said to differ.
            other = os.path.join(tmp, "other.cdx.json")
            doc = load_json(cdx)
            for comp in doc["components"]:
                if comp["name"] == "Mbed TLS":
                    comp["version"] = "3.5.2"
            with open(other, "w") as f:
                json.dump(doc, f)
            r = run([MEDSEC, "report", "-r", out, "-o", rep, "--format", "json", "--sbom", other])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(load_json(os.path.join(rep, "report.json"))["inputs"]["sboms"][0]
                             ["state"], "differs from the scan: missing Mbed TLS 3.6.0; "
                                        "not in the scan Mbed TLS 3.5.2")
            r = run([MEDSEC, "report", "-r", out, "-o", rep, "--sbom",
                     os.path.join(tmp, "missing.json")])
            self.assertEqual(r.returncode, 2)
            self.assertIn("cannot read SBOM '%s'" % os.path.join(tmp, "missing.json"), r.stderr)

            # The team's VEX (test-inputs/infusion-pump/security): into the SBOM and the report.
            vex = os.path.join(PUMP, "security", "vulnerabilities.cdx.json")
            cdx_vex = os.path.join(tmp, "bom-vex.cdx.json")
            r = run([MEDSEC, "sbom", "-r", out, "-o", cdx_vex, "--vex", vex])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("medsec: vulnerabilities: 2 record(s) in 1 file(s), 1 matching a "
                          "component, 0 unassessed", r.stderr)
            self.assertIn("medsec: vulnerability CVE-2024-28755 (pkg:github/Mbed-TLS/mbedtls) "
                          "matches no component version of this scan", r.stderr)
            v = validate_cyclonedx(cdx_vex)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            vulns = load_json(cdx_vex)["vulnerabilities"]
            self.assertEqual([(x["id"], x["affects"], x["analysis"]["state"],
                               x["analysis"]["justification"]) for x in vulns],
                             [("CVE-2024-45159", [{"ref": "medsec:component/mbedtls"}],
                               "not_affected", "requires_configuration")])
            r = run([MEDSEC, "report", "-r", out, "-o", rep, "--format", "json",
                     "--date", "2026-06-01", "--vulnerabilities", vex])
            self.assertEqual(r.returncode, 0, r.stderr)
            tp = load_json(os.path.join(rep, "report.json"))["thirdParty"]
            # Complete scan, every component with version and support, its vulnerability
            # assessed: the inventory shows both clauses, without gaps.
            self.assertEqual(tp["gaps"], [])
            self.assertEqual({c["id"]: c["status"] for c in tp["clauses"]},
                             {"ansm:development/third-party": "inventory",
                              "fda-2023:V.A.4": "inventory"})
            mbed = [c for c in tp["components"] if c["id"] == "mbedtls"][0]
            self.assertEqual([(x["id"], x["state"], x["flags"]) for x in mbed["vulnerabilities"]],
                             [("CVE-2024-45159", "not_affected", [])])
            self.assertEqual(tp["unmatchedVulnerabilities"],
                             ["CVE-2024-28755 (pkg:github/Mbed-TLS/mbedtls)"])


if __name__ == "__main__":
    unittest.main()
