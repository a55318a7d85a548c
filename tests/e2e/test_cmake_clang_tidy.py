"""CMake's CMAKE_C_CLANG_TIDY / CMAKE_CXX_CLANG_TIDY with clang-tidy-19 and the plugin.

A small C and C++ project builds and prints the medsec warnings while it compiles; with
-warnings-as-errors=medsec-* the same findings stop the build, as a CI gate would.
"""
import os
import re
import unittest

from common import BUILD, PLUGIN, TempDir, run

CMAKELISTS = """cmake_minimum_required(VERSION 3.16)
project(tidy_demo C CXX)
add_executable(tidy_demo main.c name.cpp)
"""
MAIN_C = """#include <stdio.h>
#include <string.h>

static char banner[16];

void set_name(const char *name);

int main(int argc, char **argv) {
  strcpy(banner, argc > 1 ? argv[1] : "pump");
  set_name(banner);
  printf("%s\\n", banner);
  return 0;
}
"""
NAME_CPP = """#include <cstdio>
#include <cstring>

static char device_name[8];

extern "C" void set_name(const char *name) {
  std::sprintf(device_name, "%s", name);
  std::snprintf(device_name, sizeof device_name, "%s", name); // no-warning
}
"""
WARNING = re.compile(r"^(\S+?):(\d+):(\d+): (warning|error): (.*) "
                     r"\[(medsec-[a-z0-9-]+)(?:,-warnings-as-errors)?\]$", re.M)


def tidy_command(*extra):
    return ";".join(["clang-tidy-19", "--load=" + PLUGIN, "-checks=-*,medsec-*"] + list(extra))


def wrapper_command(prefix):
    """The installed medsec-clang-tidy wrapper, as an IDE without --load support runs it."""
    return ";".join([os.path.join(prefix, "bin", "medsec-clang-tidy"), "-checks=-*,medsec-*"])


class CMakeClangTidy(unittest.TestCase):
    def build(self, tmp, *extra, command=None):
        for name, text in (("CMakeLists.txt", CMAKELISTS), ("main.c", MAIN_C),
                           ("name.cpp", NAME_CPP)):
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text)
        build = os.path.join(tmp, "build")
        r = run(["cmake", "-S", tmp, "-B", build, "-G", "Ninja",
                 "-DCMAKE_C_COMPILER=clang-19", "-DCMAKE_CXX_COMPILER=clang++-19",
                 "-DCMAKE_C_CLANG_TIDY=" + (command or tidy_command(*extra)),
                 "-DCMAKE_CXX_CLANG_TIDY=" + (command or tidy_command(*extra))], cwd=tmp)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = run(["cmake", "--build", build, "-j", "1"], cwd=tmp)
        findings = {(os.path.basename(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4),
                     m.group(6)) for m in WARNING.finditer(r.stdout + r.stderr)}
        return r, findings

    def test_build_prints_the_medsec_warnings(self):
        with TempDir() as tmp:
            r, findings = self.build(tmp)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(findings, {("main.c", 9, 3, "warning", "medsec-banned-functions"),
                                    ("name.cpp", 7, 8, "warning", "medsec-banned-functions")})
        self.assertIn("main.c:9:3: warning: 'strcpy' does not bound the copy to the destination "
                      "size; use strlcpy or snprintf with the destination size "
                      "[medsec-banned-functions]", r.stdout)

    def test_warnings_as_errors_fail_the_build(self):
        with TempDir() as tmp:
            r, findings = self.build(tmp, "-warnings-as-errors=medsec-*")
        self.assertNotEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(("main.c", 9, 3, "error", "medsec-banned-functions"), findings)

    def test_installed_wrapper_loads_the_plugin(self):
        with TempDir() as tmp:
            prefix = os.path.join(tmp, "prefix")
            r = run(["cmake", "--install", BUILD, "--prefix", prefix])
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            project = os.path.join(tmp, "project")
            os.mkdir(project)
            r, findings = self.build(project, command=wrapper_command(prefix))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(findings, {("main.c", 9, 3, "warning", "medsec-banned-functions"),
                                    ("name.cpp", 7, 8, "warning", "medsec-banned-functions")})


if __name__ == "__main__":
    unittest.main()
