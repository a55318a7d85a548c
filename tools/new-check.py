#!/usr/bin/env python3
"""Adds a new medsec-* check: every file a check needs, consistent with each other.

Usage:
  tools/new-check.py NAME --domain DIR --title TEXT --cwe CWE-N [--cwe ...]
                     --clause GUIDELINE:CLAUSE [--clause ...] [--severity LEVEL] [--cert ID ...]

  NAME      the check id, with or without the medsec- prefix (lower case, dashes)
  --domain  the folder under checks/ (api, crypto, secrets, debug, errors, input, or a new one)
  --clause  a clause id of rules/guidelines/ the check is direct evidence for (GUIDELINES.md
            says what a mapping may claim); add `supports` mappings by hand afterwards

Writes, and says so:
  checks/DIR/<Name>Check.h, checks/DIR/<Name>Check.cpp   a data-driven skeleton: it reports
        calls of the functions in its catalogue data list `functions`, with their severity
  checks/MedSecTidyModule.cpp                            include and registration
  rules/checks/medsec-NAME.yaml                          the catalogue entry, status: partial
  docs/checks/medsec-NAME.md                             the user page, rows from the catalogue
  tests/lit/checks/medsec-NAME.c                         a positive beside a compliant look-alike
  README.md                                              the check table row

The result builds and passes the consistency, catalogue and lit tests as it is; then replace the
skeleton's matcher with the real analysis, its lit test with real positives and look-alikes, and
set `status: implemented` (catalogue and README) when the check does what its page says.
Refuses to overwrite anything.
"""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEVERITIES = ["info", "low", "medium", "high", "critical"]


def die(msg):
    sys.stderr.write("new-check: " + msg + "\n")
    sys.exit(2)


def camel(check_id):
    return "".join(p.capitalize() for p in check_id[len("medsec-"):].split("-")) + "Check"


def known_clauses(root):
    """Clause ids (guideline:topic) of the catalogue's guideline files."""
    ids = set()
    gdir = os.path.join(root, "rules", "guidelines")
    for name in sorted(os.listdir(gdir)):
        if name.endswith(".yaml"):
            text = open(os.path.join(gdir, name), encoding="utf-8").read()
            ids.update(re.findall(r"^\s*-\s*id:\s*([a-z0-9-]+:\S+)\s*$", text, re.M))
    return ids


def write_new(root, rel, text, written):
    path = os.path.join(root, rel)
    if os.path.exists(path):
        die("%s exists; nothing written" % rel)
    written.append((path, text))


def header(check_id, cls, domain, title):
    guard = "MEDSEC_CHECKS_%s_%s_H" % (domain.upper(), cls.upper())
    first = "//===- %s.h - %s " % (cls, check_id)
    first = first + "-" * max(3, 70 - len(first)) + "*- C++ -*-===//"
    return f"""{first}
#ifndef {guard}
#define {guard}

#include "../support/MedSecCheck.h"

#include "llvm/ADT/StringMap.h"

namespace clang::tidy::medsec {{

/// {title}.
///
/// Skeleton written by tools/new-check.py: reports calls of the functions of
/// its catalogue data list `functions`. For the user-facing documentation see:
/// docs/checks/{check_id}.md
class {cls} : public MedSecCheck {{
public:
  {cls}(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  struct Function {{
    rules::Severity Sev;
    std::string Reason;
  }};
  llvm::StringMap<Function> Functions; // by name, from the catalogue
}};

}} // namespace clang::tidy::medsec

#endif
"""


def source(check_id, cls):
    first = "//===- %s.cpp - %s " % (cls, check_id)
    first = first + "-" * max(3, 77 - len(first)) + "===//"
    return f"""{first}
#include "{cls}.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::medsec {{

{cls}::{cls}(StringRef Name, ClangTidyContext *Context) : MedSecCheck(Name, Context) {{
  if (!entry())
    return;
  for (const rules::DataEntry &E : entry()->activeData("functions"))
    Functions[E.Key] = {{rules::parseSeverity(E.get("severity")).value_or(entry()->DefaultSeverity),
                        E.get("reason", "is not allowed here")}};
}}

void {cls}::registerMatchers(MatchFinder *Finder) {{
  if (Functions.empty())
    return;
  std::vector<std::string> Names;
  for (const auto &F : Functions)
    Names.push_back("::" + F.getKey().str());
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(Refs)).bind("fn"))).bind("call"), this);
}}

void {cls}::check(const MatchFinder::MatchResult &Result) {{
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  const SourceManager &SM = *Result.SourceManager;
  auto It = Functions.find(Fn->getName());
  if (It == Functions.end())
    return;
  // The place the developer acts on: the call as written, even in a macro.
  const SourceLocation Loc = SM.getFileLoc(Call->getBeginLoc());
  report(SM, Loc, "'" + Fn->getName().str() + "' " + It->second.Reason, It->second.Sev,
         Fn->getName());
}}

}} // namespace clang::tidy::medsec
"""


def catalogue(check_id, a):
    clauses = "\n".join("      - id: %s\n        relation: direct" % c for c in a.clause)
    cwe = ", ".join(a.cwe)
    cert = ", ".join(a.cert)
    return f"""schema: medsec-rules/1
checks:
  - id: {check_id}
    title: {a.title}
    summary: >-
      {a.summary or a.title}.
    severity: {a.severity}
    status: partial
    cwe: [{cwe}]
    cert: [{cert}]
    help: docs/checks/{check_id}.md
    clauses:
{clauses}
    limitations:
      - a skeleton written by tools/new-check.py; it reports only calls of the functions in its data list
    data-schema:
      functions:
        key: name
        fields:
          name: string
          severity: severity
          reason: string
          enabled: bool
    data:
      functions:
        - name: {a.example}
          reason: is not allowed in device code
"""


def docs(check_id, a):
    clauses = ", ".join(a.clause)
    cert = ", ".join(a.cert) if a.cert else "none"
    return f"""# {check_id}

{a.summary or a.title}.

| | |
|---|---|
| Severity | `{a.severity}` |
| Weaknesses | {", ".join(a.cwe)} |
| CERT C | {cert} |
| Clauses | {clauses} (direct) |
| Data | `data.functions` of `rules/checks/{check_id}.yaml` |

Status: partial (a skeleton; this page is completed with the check).

## Why it matters on a device

## What is reported

* a call of a function of the catalogue's `functions` list, at the call as written.

## What is not reported

* a function of the same name in a namespace or a class.

## Examples

```c
{a.example}();   // reported
```

## Configuration

Add functions in a project `.medsec.yaml` under `checks: - id: {check_id}`, `data: functions:`.

## Limitations

* See the catalogue entry's `limitations`.
"""


def lit(check_id, a):
    return f"""// RUN: %check_medsec %s {check_id} %t -- -std=c11

void {a.example}(void);
void {a.example}_checked(void);

void positive(void) {{
  {a.example}();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '{a.example}' is not allowed in device code [{check_id}]
}}

void look_alike(void) {{
  {a.example}_checked(); // no-warning: another function
  void (*p)(void) = 0;
  (void)p;
}}
"""


def register(text, domain, cls, check_id):
    include = '#include "%s/%s.h"' % (domain, cls)
    reg = '    Factories.registerCheck<%s>("%s");' % (cls, check_id)
    if include in text or ('"%s"' % check_id) in text:
        die("%s is already registered in checks/MedSecTidyModule.cpp" % check_id)
    # The include goes after the last include of its domain, or before the namespace.
    incs = [m for m in re.finditer(r'^#include "%s/[^"]+"\n' % re.escape(domain), text, re.M)]
    if incs:
        at = incs[-1].end()
        text = text[:at] + include + "\n" + text[at:]
    else:
        at = text.index("\nnamespace clang::tidy::medsec")
        text = text[:at] + "\n// %s\n%s\n" % (domain, include) + text[at:]
    # The registration goes after the last one of its domain section.
    sec = re.search(r"^    // %s\n((?:    Factories\.registerCheck<.*\n)+)" % re.escape(domain), text,
                    re.M)
    if sec:
        at = sec.end()
        text = text[:at] + reg + "\n" + text[at:]
    else:
        m = list(re.finditer(r"^    Factories\.registerCheck<.*\n", text, re.M))
        if not m:
            die("no registerCheck call found in checks/MedSecTidyModule.cpp")
        at = m[-1].end()
        text = text[:at] + "    // %s\n%s\n" % (domain, reg) + text[at:]
    return text


def readme_row(text, check_id, a):
    rows = list(re.finditer(r"^\| \[medsec-[^\n]*\n", text, re.M))
    if not rows:
        die("README.md has no check table")
    row = "| [%s](docs/checks/%s.md) | %s | partial |\n" % (check_id, check_id, a.title)
    at = rows[-1].end()
    return text[:at] + row + text[at:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("name")
    ap.add_argument("--domain", required=True)
    ap.add_argument("--title", required=True)
    ap.add_argument("--summary", default="")
    ap.add_argument("--severity", default="medium", choices=SEVERITIES)
    ap.add_argument("--cwe", action="append", required=True)
    ap.add_argument("--cert", action="append", default=[])
    ap.add_argument("--clause", action="append", required=True)
    ap.add_argument("--example", default="", help="a function name for the skeleton's data and test")
    ap.add_argument("--root", default=ROOT, help=argparse.SUPPRESS)
    a = ap.parse_args()
    root = a.root
    name = a.name[len("medsec-"):] if a.name.startswith("medsec-") else a.name
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        die("NAME must be lower case words joined by dashes: %r" % a.name)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", a.domain):
        die("--domain must be a folder name under checks/: %r" % a.domain)
    for c in a.cwe:
        if not re.fullmatch(r"CWE-[1-9][0-9]*", c):
            die("--cwe takes CWE-N: %r" % c)
    for c in a.cert:
        if not re.fullmatch(r"[A-Z]{3}[0-9]{2}-(C|CPP)", c):
            die("--cert takes a SEI CERT id such as STR31-C: %r" % c)
    clauses = known_clauses(root)
    for c in a.clause:
        if c not in clauses:
            die("--clause %s is not a clause of rules/guidelines/ (e.g. ansm:development/secure-coding)" % c)
    if not a.title.strip() or "\n" in a.title or ":" in a.title or "|" in a.title:
        die("--title must be one line without ':' or '|'")
    check_id = "medsec-" + name
    a.example = a.example or name.replace("-", "_") + "_example"
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", a.example):
        die("--example must be a C identifier")
    cls = camel(check_id)

    written = []
    write_new(root, "checks/%s/%s.h" % (a.domain, cls), header(check_id, cls, a.domain, a.title),
              written)
    write_new(root, "checks/%s/%s.cpp" % (a.domain, cls), source(check_id, cls), written)
    write_new(root, "rules/checks/%s.yaml" % check_id, catalogue(check_id, a), written)
    write_new(root, "docs/checks/%s.md" % check_id, docs(check_id, a), written)
    for ext in (".c", ".cpp"):
        if os.path.exists(os.path.join(root, "tests/lit/checks", check_id + ext)):
            die("tests/lit/checks/%s%s exists; nothing written" % (check_id, ext))
    write_new(root, "tests/lit/checks/%s.c" % check_id, lit(check_id, a), written)
    module = os.path.join(root, "checks", "MedSecTidyModule.cpp")
    written.append((module, register(open(module, encoding="utf-8").read(), a.domain, cls,
                                     check_id)))
    readme = os.path.join(root, "README.md")
    written.append((readme, readme_row(open(readme, encoding="utf-8").read(), check_id, a)))

    for path, text in written:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print("new-check: wrote %s" % os.path.relpath(path, root))
    print("new-check: now re-run cmake (new sources), build, and tools/run-tests.sh -R "
          "'Consistency|lit.%s'" % check_id)


if __name__ == "__main__":
    main()
