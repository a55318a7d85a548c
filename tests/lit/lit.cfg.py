# lit configuration of the per-check FileCheck tests (tests/lit/checks/<check-id>*.c|cpp).
import os
import lit.formats

config.name = "medsec-checks"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

build_dir = lit_config.params.get("build_dir") or os.environ.get("MEDSEC_BUILD_DIR")
if not build_dir:
    lit_config.fatal("pass --param build_dir=BUILD (the CMake build directory)")
# Per-test exec roots (CTest passes one) keep lit's .lit_test_times.txt private.
config.test_exec_root = lit_config.params.get("exec_root") or os.path.join(build_dir, "lit")
plugin = os.path.join(build_dir, "MedSecTidy.so")
if not os.path.exists(plugin):
    lit_config.fatal("plugin not built: " + plugin)

runner = os.path.join(config.test_source_root, "check_medsec.py")
config.substitutions.append(("%check_medsec", "python3 %s --plugin %s" % (runner, plugin)))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "checks", "Inputs")))
config.environment["PATH"] = "/usr/lib/llvm-19/bin:" + os.environ.get("PATH", "")
# A developer's own overrides must not change what the tests see.
for var in ("MEDSEC_CATALOGUE", "MEDSEC_PROJECT_RULES"):
    config.environment.pop(var, None)
