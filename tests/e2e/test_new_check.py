"""tools/new-check.py: a generated check is consistent as written, and nothing is overwritten.

The generator runs on a copy of the source tree. What it wrote must validate as catalogue, pass
the consistency tests (README table, docs rows, catalogue) pointed at the copy, and compile with
the flags of the real check sources. The full proof (build the copy, run its lit test) is what a
developer does next; docs/contributing.md says how.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import unittest

from common import BUILD, MEDSEC, ROOT, TempDir, run

GENERATOR = os.path.join(ROOT, "tools", "new-check.py")
UNIT_TESTS = os.path.join(BUILD, "tests", "medsec_unit_tests")
TREE = ["checks", "rules", "docs", "tests/lit", "README.md"]


def copy_tree(dest):
    for part in TREE:
        src = os.path.join(ROOT, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dest, part))
        else:
            shutil.copy(src, os.path.join(dest, part))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def generate(root, *args):
    return run([sys.executable, GENERATOR, "--root", root] + list(args))


ARGS = ["usb-dfu-unsigned", "--domain", "debug", "--title",
        "firmware update accepted over USB DFU without a signature check", "--cwe", "CWE-494",
        "--clause", "ansm:development/secure-coding", "--severity", "high"]


class NewCheck(unittest.TestCase):
    def test_generated_check_is_consistent_and_compiles(self):
        with TempDir() as tmp:
            copy_tree(tmp)
            r = generate(tmp, *ARGS)
            self.assertEqual(r.returncode, 0, r.stderr)
            for rel in ["checks/debug/UsbDfuUnsignedCheck.h", "checks/debug/UsbDfuUnsignedCheck.cpp",
                        "rules/checks/medsec-usb-dfu-unsigned.yaml",
                        "docs/checks/medsec-usb-dfu-unsigned.md",
                        "tests/lit/checks/medsec-usb-dfu-unsigned.c"]:
                self.assertIn("wrote " + rel, r.stdout)
            module = read(os.path.join(tmp, "checks/MedSecTidyModule.cpp"))
            self.assertIn('#include "debug/UsbDfuUnsignedCheck.h"', module)
            self.assertIn('registerCheck<UsbDfuUnsignedCheck>("medsec-usb-dfu-unsigned")', module)

            # The catalogue with the new entry validates.
            v = run([MEDSEC, "rules", "validate", "--catalogue", os.path.join(tmp, "rules")])
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

            # README table and docs rows agree with the catalogue (the registration test needs
            # a build of the copy and is left out here).
            c = run([UNIT_TESTS, "--gtest_filter=Consistency.EveryDocsPageSaysWhatTheCatalogueSays:"
                                 "Consistency.TheReadmeCheckTableIsTheCatalogue:"
                                 "Consistency.EveryCatalogueClauseHasWhatTheReportNeeds"],
                    env={"MEDSEC_CONSISTENCY_ROOT": tmp})
            self.assertEqual(c.returncode, 0, c.stdout + c.stderr)
            self.assertIn("[  PASSED  ] 3 tests", c.stdout)

            # The new sources compile with the flags of an existing check.
            db = json.loads(read(os.path.join(BUILD, "compile_commands.json")))
            ref = next(e for e in db if e["file"].endswith("checks/debug/DebugBackdoorCheck.cpp"))
            argv = ref.get("arguments") or shlex.split(ref["command"])
            for rel in ["checks/debug/UsbDfuUnsignedCheck.cpp", "checks/MedSecTidyModule.cpp"]:
                cmd = [a for a in argv if a not in ("-c",)]
                out = cmd.index("-o")
                del cmd[out:out + 2]
                cmd = [os.path.join(tmp, rel) if a == ref["file"] or a.endswith(
                    "checks/debug/DebugBackdoorCheck.cpp") else a for a in cmd]
                cmd.append("-fsyntax-only")
                p = subprocess.run(cmd, cwd=ref["directory"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
                self.assertEqual(p.returncode, 0, rel + ":\n" + p.stdout)

            # A lit test with a positive and a look-alike, in the lit runner's format.
            lit = read(os.path.join(tmp, "tests/lit/checks/medsec-usb-dfu-unsigned.c"))
            self.assertRegex(lit, r"// RUN: %check_medsec %s medsec-usb-dfu-unsigned %t")
            self.assertEqual(len(re.findall(r"CHECK-MESSAGES:.*warning:", lit)), 1)
            self.assertIn("no-warning", lit)

    def test_refuses_to_overwrite_and_bad_arguments(self):
        with TempDir() as tmp:
            copy_tree(tmp)
            self.assertEqual(generate(tmp, *ARGS).returncode, 0)
            before = read(os.path.join(tmp, "README.md"))
            again = generate(tmp, *ARGS)
            self.assertEqual(again.returncode, 2)
            self.assertIn("exists; nothing written", again.stderr)
            self.assertEqual(read(os.path.join(tmp, "README.md")), before)

            bad = generate(tmp, "other-check", "--domain", "debug", "--title", "t", "--cwe",
                           "CWE-1", "--clause", "ansm:no/such-clause")
            self.assertEqual(bad.returncode, 2)
            self.assertIn("ansm:no/such-clause is not a clause", bad.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "rules/checks/medsec-other-check.yaml")))
            bad = generate(tmp, "Other_Check", "--domain", "debug", "--title", "t", "--cwe",
                           "CWE-1", "--clause", "ansm:development/secure-coding")
            self.assertEqual(bad.returncode, 2)
            self.assertIn("lower case words joined by dashes", bad.stderr)


if __name__ == "__main__":
    unittest.main()
