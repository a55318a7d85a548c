"""`medsec init`: the .clangd and .clang-tidy files it writes, keeps and merges."""
import os
import unittest

from common import MEDSEC, PLUGIN, TempDir, run, write_db
from lspclient import LspClient
from test_clangd_lsp import CLANGD, TIMEOUT, clangd_disabled, medsec_diagnostics, server_env

SOURCE = ("char *strcpy(char *, const char *);\n"
          "char name[8];\n"
          "void set(const char *s) { strcpy(name, s); }\n"
          "char last(void) { return name[8]; }\n")


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


class MedsecInit(unittest.TestCase):
    def test_fresh_project_gets_both_files(self):
        with TempDir() as tmp:
            os.mkdir(os.path.join(tmp, "build"))
            r = run([MEDSEC, "init", tmp, "-p", os.path.join(tmp, "build")])
            self.assertEqual(r.returncode, 0, r.stderr)
            clangd = read(os.path.join(tmp, ".clangd"))
            tidy = read(os.path.join(tmp, ".clang-tidy"))
        self.assertIn("CompilationDatabase: 'build'\n", clangd)
        self.assertIn("    Add: ['medsec-*']\n    FastCheckFilter: None\n", clangd)
        self.assertIn("Checks: '-*,medsec-*,clang-diagnostic-*'\n", tidy)
        # The catalogued compiler warnings, after the build's options (a flag another
        # covers, -Wsometimes-uninitialized under -Wuninitialized, is left out).
        self.assertRegex(tidy, r"\nExtraArgs: \[[^\n]*'-Winteger-overflow'[^\n]*\]\n")
        self.assertRegex(clangd, r"\n  Add: \[[^\n]*'-Warray-bounds'[^\n]*\]\n  Remove: \['-w'\]\n")
        self.assertNotIn("-Wsometimes-uninitialized", tidy + clangd)
        self.assertIn("no compile_commands.json in", r.stderr)

    def test_build_dir_outside_the_project_is_absolute_and_none_is_omitted(self):
        with TempDir() as tmp, TempDir() as elsewhere:
            project = os.path.join(tmp, "p")
            os.mkdir(project)
            write_db(elsewhere, [])
            r = run([MEDSEC, "init", "-p", elsewhere], cwd=project)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotIn("warning", r.stderr)
            self.assertIn("CompilationDatabase: '%s'\n" % os.path.abspath(elsewhere),
                          read(os.path.join(project, ".clangd")))
            os.remove(os.path.join(project, ".clangd"))
            r = run([MEDSEC, "init"], cwd=project)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotIn("CompilationDatabase", read(os.path.join(project, ".clangd")))

    def test_existing_files_are_kept_without_force(self):
        with TempDir() as tmp:
            write(os.path.join(tmp, ".clangd"), "CompileFlags:\n  Add: [-DBOARD=2]\n")
            write(os.path.join(tmp, ".clang-tidy"), "Checks: 'bugprone-*'\n")
            r = run([MEDSEC, "init", tmp])
            self.assertEqual(r.returncode, 2)
            self.assertIn("left unchanged", r.stderr)
            self.assertIn("--force", r.stderr)
            self.assertEqual(read(os.path.join(tmp, ".clangd")),
                             "CompileFlags:\n  Add: [-DBOARD=2]\n")
            self.assertEqual(read(os.path.join(tmp, ".clang-tidy")), "Checks: 'bugprone-*'\n")
            self.assertEqual(sorted(os.listdir(tmp)), [".clang-tidy", ".clangd"])

    def test_files_that_already_enable_medsec_are_accepted(self):
        with TempDir() as tmp:
            self.assertEqual(run([MEDSEC, "init", tmp]).returncode, 0)
            before = {n: read(os.path.join(tmp, n)) for n in (".clangd", ".clang-tidy")}
            r = run([MEDSEC, "init", tmp])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("already enables the medsec checks", r.stdout)
            self.assertEqual({n: read(os.path.join(tmp, n)) for n in before}, before)

    def test_force_backs_up_and_merges(self):
        with TempDir() as tmp:
            user_clangd = "# ours\nCompileFlags:\n  Add: [-DBOARD=2]\n"
            user_tidy = ("Checks: 'bugprone-*,-bugprone-easily-swappable-parameters'\n"
                         "CheckOptions:\n  readability-identifier-naming.VariableCase: lower_case\n")
            write(os.path.join(tmp, ".clangd"), user_clangd)
            write(os.path.join(tmp, ".clang-tidy"), user_tidy)
            r = run([MEDSEC, "init", tmp, "--force", "-p", os.path.join(tmp, "out")])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(read(os.path.join(tmp, ".clangd.bak")), user_clangd)
            self.assertEqual(read(os.path.join(tmp, ".clang-tidy.bak")), user_tidy)
            clangd = read(os.path.join(tmp, ".clangd"))
            self.assertTrue(clangd.startswith(user_clangd + "---\n# medsec init:"), clangd)
            self.assertIn("CompilationDatabase: 'out'", clangd)
            tidy = read(os.path.join(tmp, ".clang-tidy"))
            self.assertIn("'bugprone-*,-bugprone-easily-swappable-parameters,medsec-*,"
                          "clang-diagnostic-*'", tidy)
            self.assertIn("\n  - '-Winteger-overflow'\n", tidy)
            self.assertIn("readability-identifier-naming.VariableCase: lower_case", tidy)

            # Again, with another build dir: the medsec fragment is replaced, not stacked,
            # and .clang-tidy, already merged, is not touched.
            r = run([MEDSEC, "init", tmp, "--force", "-p", os.path.join(tmp, "out2")])
            self.assertEqual(r.returncode, 0, r.stderr)
            again = read(os.path.join(tmp, ".clangd"))
            self.assertEqual(again.count("# medsec init:"), 1, again)
            self.assertEqual(again.count("---"), 1, again)
            self.assertIn("CompilationDatabase: 'out2'", again)
            self.assertEqual(read(os.path.join(tmp, ".clangd.bak.1")), clangd)
            self.assertEqual(read(os.path.join(tmp, ".clang-tidy")), tidy)
            self.assertFalse(os.path.exists(os.path.join(tmp, ".clang-tidy.bak.1")))

    def test_clang_tidy_with_the_written_file_reports_what_the_build_turned_off(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "name.c")
            write(path, SOURCE)
            write_db(tmp, [{"directory": tmp, "file": "name.c",
                            "arguments": ["clang-19", "-Wno-array-bounds", "-c", "name.c"]}])
            self.assertEqual(run([MEDSEC, "init", tmp]).returncode, 0)
            r = run(["clang-tidy-19", "--load=" + PLUGIN, "-p", tmp, path], cwd=tmp)
            self.assertIn("name.c:4:26: warning: array index 8 is past the end of the array "
                          "(that has type 'char[8]') [clang-diagnostic-array-bounds]", r.stdout)
            self.assertIn("[medsec-banned-functions]", r.stdout)

    def test_unparseable_clang_tidy_is_not_overwritten(self):
        with TempDir() as tmp:
            write(os.path.join(tmp, ".clang-tidy"), "Checks: [unclosed\n")
            r = run([MEDSEC, "init", tmp, "--force"])
            self.assertEqual(r.returncode, 2)
            self.assertIn("cannot be parsed", r.stderr)
            self.assertEqual(read(os.path.join(tmp, ".clang-tidy")), "Checks: [unclosed\n")
            self.assertFalse(os.path.exists(os.path.join(tmp, ".clang-tidy.bak")))

    def test_usage_errors(self):
        with TempDir() as tmp:
            r = run([MEDSEC, "init", os.path.join(tmp, "missing")])
            self.assertEqual(r.returncode, 2)
            self.assertIn("is not a directory", r.stderr)
            self.assertEqual(run([MEDSEC, "init", "--frobnicate"]).returncode, 2)
            self.assertEqual(run([MEDSEC, "init", tmp, tmp]).returncode, 2)
            self.assertEqual(run([MEDSEC, "init", "-p"]).returncode, 2)

    @unittest.skipIf(clangd_disabled(), "configured with MEDSEC_BUILD_CLANGD=OFF")
    def test_merged_clangd_file_enables_the_checks_in_medsec_clangd(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "name.c")
            write(path, SOURCE)
            os.mkdir(os.path.join(tmp, "build"))
            # The build turns warnings off; the .clangd fragment turns the catalogued on.
            write_db(os.path.join(tmp, "build"), [{"directory": tmp, "file": "name.c",
                                                   "arguments": ["clang-19", "-w", "-c",
                                                                 "name.c"]}])
            # A user file whose own fragment would hide medsec (strict fast-check filter).
            write(os.path.join(tmp, ".clangd"),
                  "Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Strict\n")
            r = run([MEDSEC, "init", tmp, "-p", os.path.join(tmp, "build"), "--force"])
            self.assertEqual(r.returncode, 0, r.stderr)
            client = LspClient([CLANGD, "--background-index=false"], cwd=tmp,
                               env=server_env(tmp), log_path=os.path.join(tmp, "clangd.log"))
            try:
                client.initialize(tmp, timeout=TIMEOUT)
                client.did_open(path, SOURCE)
                diagnostics = client.diagnostics(path, timeout=TIMEOUT)
                found = medsec_diagnostics(diagnostics)
            finally:
                client.close()
        self.assertEqual([(d["code"], d["range"]["start"]) for d in found],
                         [("medsec-banned-functions", {"line": 2, "character": 26})])
        self.assertIn(("-Warray-bounds", {"line": 3, "character": 25}),
                      [(d.get("code"), d["range"]["start"]) for d in diagnostics])


if __name__ == "__main__":
    unittest.main()
