"""medsec-clangd driven over LSP by a real JSON-RPC client, as an editor drives it.

A copy of the sample firmware is configured with CMake and set up with `medsec init`; the
server then reports exactly the medsec findings the plugin reports (same lines, columns and
messages), offers the strcpy fix-it as a quick fix, and drops the finding once the code is fixed.
"""
import os
import re
import unittest

from common import BUILD, MEDSEC, PLUGIN, PUMP, TempDir, copy_pump, run
from lspclient import LspClient

CLANGD = os.path.join(BUILD, "medsec-clangd")
TIMEOUT = 180  # seconds, for one parse of the file on a loaded 2-core machine
from test_expectations import MARKER
TIDY_LINE = re.compile(r"^(.*?):(\d+):(\d+): warning: (.*) \[(medsec-[a-z0-9-]+)\]$")
STRCPY = "strcpy(last_cmd_name, e->name);"
FIXED = 'snprintf(last_cmd_name, sizeof(last_cmd_name), "%s", e->name);'
WARNING, ERROR = 2, 1


def clangd_disabled():
    cache = os.path.join(BUILD, "CMakeCache.txt")
    return os.path.exists(cache) and "MEDSEC_BUILD_CLANGD:BOOL=OFF" in open(cache).read()


def server_env(tmp):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MEDSEC_") and k != "CLANGD_FLAGS"}
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "xdg")  # no user config.yaml of the host
    return env


def registered_checks():
    r = run(["clang-tidy-19", "--load=" + PLUGIN, "-checks=-*,medsec-*", "--list-checks"])
    return set(re.findall(r"^\s+(medsec-[a-z0-9-]+)$", r.stdout, re.M))


def apply_edits(text, edits):
    """Applies LSP TextEdits (ASCII text: characters are bytes) to TEXT."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(pos):
        return starts[pos["line"]] + pos["character"]
    for e in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        text = text[:offset(e["range"]["start"])] + e["newText"] + text[offset(e["range"]["end"]):]
    return text


def write_transmit_rule(path, reason):
    """A project rule file banning HAL_UART_Transmit, which uart_cmd.c calls, for REASON."""
    with open(path, "w") as f:
        f.write("checks:\n"
                "  - id: medsec-banned-functions\n"
                "    data:\n"
                "      functions:\n"
                "        - name: HAL_UART_Transmit\n"
                "          severity: medium\n"
                "          kind: always\n"
                "          replacement: uart_send_queued\n"
                "          reason: %s\n" % reason)


def medsec_diagnostics(diagnostics):
    return [d for d in diagnostics if str(d.get("code", "")).startswith("medsec-")]


@unittest.skipIf(clangd_disabled(), "configured with MEDSEC_BUILD_CLANGD=OFF")
class MedsecClangdOverLsp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = TempDir()
        cls.tmp = cls._tmp.__enter__()
        cls.project = os.path.join(cls.tmp, "pump")
        copy_pump(cls.project)
        build = os.path.join(cls.project, "build")
        r = run(["cmake", "-S", cls.project, "-B", build, "-DCMAKE_C_COMPILER=clang-19"])
        if r.returncode != 0:
            raise RuntimeError("cannot configure the sample firmware:\n" + r.stdout + r.stderr)
        r = run([MEDSEC, "init", cls.project, "-p", build])
        if r.returncode != 0:
            raise RuntimeError("medsec init failed:\n" + r.stdout + r.stderr)
        cls.path = os.path.join(cls.project, "src", "uart_cmd.c")
        with open(cls.path) as f:
            cls.text = f.read()
        cls.strcpy_line = next(i for i, l in enumerate(cls.text.split("\n")) if STRCPY in l)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.__exit__(None, None, None)

    def start(self, argv=None):
        client = LspClient(argv or [CLANGD, "--background-index=false"], cwd=self.project,
                           env=server_env(self.tmp),
                           log_path=os.path.join(self.tmp, "clangd-%s.log" % self.id()))
        self.addCleanup(client.close)
        client.initialize(self.project, timeout=TIMEOUT)
        return client

    def open_uart(self, client):
        client.did_open(self.path, self.text, version=1)
        return client.diagnostics(self.path, version=1, timeout=TIMEOUT)

    def strcpy_diagnostic(self, diagnostics):
        found = [d for d in medsec_diagnostics(diagnostics)
                 if d["range"]["start"]["line"] == self.strcpy_line]
        self.assertEqual(len(found), 1, diagnostics)
        return found[0]

    def test_open_reports_the_plugins_findings_and_a_quick_fix(self):
        client = self.start()
        diagnostics = self.open_uart(client)
        self.assertEqual([d for d in diagnostics if d["severity"] == ERROR], [],
                         "the file must parse cleanly (resource directory, includes)")

        # Every marker of a registered check, and nothing else.
        checks = registered_checks()
        self.assertIn("medsec-banned-functions", checks)
        expected = set()
        for number, line in enumerate(self.text.split("\n")):
            m = MARKER.search(line)
            if m:
                expected |= {(number, c) for c in re.split(r"\s*,\s*", m.group(1)) if c in checks}
        got = {(d["range"]["start"]["line"], d["code"]) for d in medsec_diagnostics(diagnostics)}
        self.assertEqual(got, expected)
        # The catalogued compiler diagnostics (turned on by the .clangd of medsec init) are
        # clangd's own, named by their flag.
        flags = set()
        for number, line in enumerate(self.text.split("\n")):
            m = MARKER.search(line)
            if m:
                flags |= {(number, "-W" + c[len("clang-diagnostic-"):])
                          for c in re.split(r"\s*,\s*", m.group(1))
                          if c.startswith("clang-diagnostic-")}
        self.assertTrue(flags)
        self.assertLessEqual(flags, {(d["range"]["start"]["line"], d.get("code"))
                                     for d in diagnostics})

        # The same findings and messages as clang-tidy-19 with the plugin.
        r = run(["clang-tidy-19", "--load=" + PLUGIN, "-checks=-*,medsec-*", "-p",
                 os.path.join(self.project, "build"), self.path], cwd=self.project)
        tidy = {(int(m.group(2)) - 1, int(m.group(3)) - 1, m.group(4), m.group(5))
                for m in map(TIDY_LINE.match, r.stdout.splitlines())
                if m and os.path.samefile(m.group(1), self.path)}
        lsp = {(d["range"]["start"]["line"], d["range"]["start"]["character"],
                re.sub(r" \(fix available\)$", "", d["message"]), d["code"])
               for d in medsec_diagnostics(diagnostics)}
        # clangd capitalises the first letter of every message; nothing else differs.
        def same_case(findings):
            return {(l, c, m[:1].lower() + m[1:], k) for (l, c, m, k) in findings}
        self.assertEqual(same_case(lsp), same_case(tidy))

        # The strcpy finding: where it is, what it says, and its fix-it as a quick fix.
        d = self.strcpy_diagnostic(diagnostics)
        column = self.text.split("\n")[self.strcpy_line].index("strcpy")
        self.assertEqual(d["range"], {"start": {"line": self.strcpy_line, "character": column},
                                      "end": {"line": self.strcpy_line,
                                              "character": column + len("strcpy")}})
        self.assertEqual(d["source"], "clang-tidy")
        self.assertEqual(d["severity"], WARNING)
        self.assertEqual(d["message"], "'strcpy' does not bound the copy to the destination "
                         "size; use strlcpy or snprintf with the destination size "
                         "(fix available)")
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": "file://" + self.path}, "range": d["range"],
            "context": {"diagnostics": [d], "only": ["quickfix"]}}, timeout=TIMEOUT)
        fixes = [a for a in actions or [] if a.get("kind") == "quickfix" and "edit" in a]
        self.assertEqual(len(fixes), 1, actions)
        self.assertTrue(fixes[0].get("isPreferred"))
        edits = fixes[0]["edit"]["changes"]["file://" + self.path]
        fixed = apply_edits(self.text, edits).split("\n")[self.strcpy_line]
        self.assertEqual(fixed.strip().split(" //")[0], FIXED)

    def test_fixing_the_code_clears_the_finding(self):
        client = self.start()
        before = self.open_uart(client)
        self.strcpy_diagnostic(before)
        others = [d for d in medsec_diagnostics(before)
                  if d["range"]["start"]["line"] != self.strcpy_line]
        self.assertTrue(others, "the file has other findings that must stay")

        client.did_change(self.path, self.text.replace(STRCPY, FIXED), version=2)
        after = client.diagnostics(self.path, version=2, timeout=TIMEOUT)
        # The banned-functions finding goes; the snprintf the fix writes may in turn be
        # reported by medsec-unchecked-return-value (a discarded result), on that line only.
        self.assertEqual([d for d in medsec_diagnostics(after)
                          if d["range"]["start"]["line"] == self.strcpy_line
                          and d["code"] == "medsec-banned-functions"], [])
        self.assertEqual([d for d in after if d["severity"] == ERROR], [])
        self.assertEqual([d for d in medsec_diagnostics(after)
                          if d["range"]["start"]["line"] != self.strcpy_line], others)

        client.did_change(self.path, self.text, version=3)  # and back: it returns
        self.strcpy_diagnostic(client.diagnostics(self.path, version=3, timeout=TIMEOUT))

    def test_strcpy_fix_only_where_snprintf_is_declared(self):
        # uart_cmd.c has snprintf from the preamble's <stdio.h> without naming it; here it
        # is declared by the file itself, or not at all (only a local of that name was).
        client = self.start()
        cases = {"own_decl.c": ("int snprintf(char *, unsigned long, const char *, ...);\n", 1),
                 "no_stdio.c": ("int snprintf_count(void) { int snprintf = 2; return snprintf; }\n",
                                0)}
        for name, (decl, fixes) in sorted(cases.items()):
            path = os.path.join(self.project, "src", name)
            text = ("#include <string.h>\n" + decl + "static char dest[16];\n"
                    "void set_name(const char *s) {\n"
                    "  strcpy(dest, s);\n"
                    "}\n")
            with open(path, "w") as f:
                f.write(text)
            self.addCleanup(os.remove, path)
            client.did_open(path, text, version=1)
            diagnostics = client.diagnostics(path, version=1, timeout=TIMEOUT)
            self.assertEqual([d for d in diagnostics if d["severity"] == ERROR], [], diagnostics)
            found = [d for d in medsec_diagnostics(diagnostics)
                     if d["code"] == "medsec-banned-functions"]
            self.assertEqual(len(found), 1, (name, diagnostics))
            actions = client.request("textDocument/codeAction", {
                "textDocument": {"uri": "file://" + path}, "range": found[0]["range"],
                "context": {"diagnostics": found, "only": ["quickfix"]}}, timeout=TIMEOUT)
            quick = [a for a in actions or [] if a.get("kind") == "quickfix" and "edit" in a]
            self.assertEqual(len(quick), fixes, (name, actions))

    def test_project_rules_file_is_used(self):
        rules = os.path.join(self.project, ".medsec.yaml")
        write_transmit_rule(rules, "blocks the command task for up to its timeout")
        self.addCleanup(os.remove, rules)
        client = self.start()
        diagnostics = self.open_uart(client)
        messages = [d["message"] for d in medsec_diagnostics(diagnostics)]
        self.assertIn("'HAL_UART_Transmit' blocks the command task for up to its timeout; "
                      "use uart_send_queued", messages)

    def test_project_rules_written_while_typing_are_used_from_the_next_keystroke(self):
        # The checks of one build share one catalogue lookup; the next build looks again.
        rules = os.path.join(self.project, ".medsec.yaml")
        self.addCleanup(lambda: os.path.exists(rules) and os.remove(rules))
        client = self.start()
        reason = "blocks the command task for up to its timeout"

        def messages(version):
            client.did_change(self.path, self.text + "\n" * version, version=version)
            return [d["message"] for d in medsec_diagnostics(
                client.diagnostics(self.path, version=version, timeout=TIMEOUT))]

        finding = "'HAL_UART_Transmit' %s; use uart_send_queued"
        banned = "'HAL_UART_Transmit' "  # the project rule's finding, whatever its reason
        opened = [d["message"] for d in medsec_diagnostics(self.open_uart(client))]
        self.assertFalse([m for m in opened if m.startswith(banned)], opened)
        write_transmit_rule(rules, reason)
        self.assertIn(finding % reason, messages(2))
        write_transmit_rule(rules, reason + " (edited)")  # another size: another stamp
        edited = messages(3)
        self.assertIn(finding % (reason + " (edited)"), edited)
        self.assertNotIn(finding % reason, edited)
        os.remove(rules)
        self.assertFalse([m for m in messages(4) if m.startswith(banned)])

    def test_installed_server_started_through_path_uses_the_installed_catalogue(self):
        prefix = os.path.join(self.tmp, "prefix")
        r = run(["cmake", "--install", BUILD, "--prefix", prefix])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        catalogue = os.path.join(prefix, "share", "medsec", "rules", "checks",
                                 "medsec-banned-functions.yaml")
        with open(catalogue) as f:
            text = f.read()
        with open(catalogue, "w") as f:
            f.write(text.replace("reason: does not bound the copy to the destination size",
                                 "reason: copies without a bound (installed catalogue)"))
        env = server_env(self.tmp)
        env["PATH"] = os.path.join(prefix, "bin") + os.pathsep + env.get("PATH", "")
        client = LspClient(["medsec-clangd", "--background-index=false"], cwd=self.project,
                           env=env, log_path=os.path.join(self.tmp, "installed.log"))
        self.addCleanup(client.close)
        client.initialize(self.project, timeout=TIMEOUT)
        diagnostics = self.open_uart(client)
        self.assertEqual([d for d in diagnostics if d["severity"] == ERROR], [],
                         "builtin headers must resolve without --resource-dir")
        self.assertTrue(self.strcpy_diagnostic(diagnostics)["message"].startswith(
            "'strcpy' copies without a bound (installed catalogue)"))


if __name__ == "__main__":
    unittest.main()
