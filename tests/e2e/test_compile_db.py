"""`medsec scan` on compile databases as firmware teams have them: cross and vendor compilers,
response files, relative paths, duplicate entries, include/exclude globs (docs/cli.md,
"Compile databases"). No cross compiler is needed: the units use only the headers clang ships."""
import json
import os
import unittest

from common import MEDSEC, TempDir, load_json, run

STRCPY = 'char *strcpy(char *, const char *);\n'

# Freestanding units for a Cortex-M4: only clang's own headers, and 32-bit pointers to prove the
# target was applied (on the 64-bit host the static assertion fails).
ARM_UNITS = {
    "src/main.c": ('#include <stdint.h>\n#include <stdbool.h>\n' + STRCPY +
                   '_Static_assert(sizeof(void *) == 4, "built for a 32-bit core");\n'
                   'static char name[16];\n'
                   'void set_name(const char *n) { strcpy(name, n); }\n'),
    "src/pump.c": ('#include <stddef.h>\n#include <stdint.h>\n'
                   '_Static_assert(sizeof(long) == 4, "ILP32");\n'
                   'volatile uint32_t *const RATE = (volatile uint32_t *)0x40001000u;\n'
                   'void set_rate(uint32_t r) { *RATE = r; }\n'),
    "src/hal/uart.c": ('#include <stdint.h>\n#include <stdarg.h>\n#include <arm_acle.h>\n'
                       'uint32_t uart_rev(uint32_t v) { return __rev(v); }\n'),
}

ARM_FLAGS = ("-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -specs=nano.specs "
             "-specs=nosys.specs -fstack-usage -ffunction-sections -fdata-sections "
             "-Wno-maybe-uninitialized -Wlogical-op -mno-thumb-interwork -Werror -Og -g3 "
             "-std=gnu11 -DSTM32F407xx")

IAR_UNIT = ('#include <stdint.h>\n' + STRCPY +
            '__no_init volatile uint32_t boot_flag;\n'
            '__root const uint8_t fw_version[4] = {1, 2, 0, 0};\n'
            '__ramfunc void flash_program(void) {}\n'
            '__interrupt void SysTick_Handler(void) { boot_flag = 0; }\n'
            '__weak void board_hook(void) {}\n'
            'static char log_line[32];\n'
            'void log_set(const char *s) { strcpy(log_line, s); }\n')

KEIL_UNIT = ('#include <stdint.h>\n__irq void IRQ_Handler(void) {}\n'
             '__packed struct frame { uint8_t id; uint16_t len; };\n'
             '__align(8) uint8_t dma_buffer[64];\n')

SDCC_UNIT = ('__sfr __at(0x80) P0;\n__sbit __at(0x90) LED;\n__xdata unsigned char rx[32];\n'
             'void timer0_isr(void) __interrupt(1) { P0 = rx[0]; LED = 1; }\n')


def write(root, files):
    for name, text in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def scan(tmp, *extra):
    out = os.path.join(tmp, "r.json")
    r = run([MEDSEC, "scan", "-p", tmp, "-j2", "-o", out, *extra], cwd=tmp)
    data = load_json(out) if os.path.exists(out) else None
    return r, data


def units(data):
    return {u["file"]: u for u in data["units"]}


class FirmwareCompileDatabases(unittest.TestCase):
    def test_arm_none_eabi_entries_all_parse_with_freestanding_headers(self):
        with TempDir() as tmp:
            write(tmp, ARM_UNITS)
            write(tmp, {"build/cortex-m4.rsp": ARM_FLAGS + "\n"})
            entries = [
                # command form, relative directory, response file
                {"directory": "build", "file": "../src/main.c",
                 "command": "arm-none-eabi-gcc @cortex-m4.rsp -Iinc -c ../src/main.c -o main.o"},
                # arguments form, absolute directory, flags inline
                {"directory": tmp, "file": "src/pump.c",
                 "arguments": ["/opt/gcc-arm/bin/arm-none-eabi-gcc", *ARM_FLAGS.split(),
                               "-c", "src/pump.c", "-o", "build/pump.o"]},
                {"directory": os.path.join(tmp, "build"), "file": os.path.join(tmp, "src/hal/uart.c"),
                 "command": "ccache arm-none-eabi-gcc " + ARM_FLAGS + " -c ../src/hal/uart.c"},
            ]
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                json.dump(entries, f)
            r, data = scan(tmp, "--verbose")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual({f: u["status"] for f, u in units(data).items()},
                         {"src/main.c": "analysed", "src/pump.c": "analysed",
                          "src/hal/uart.c": "analysed"}, r.stderr)
        self.assertEqual([(f["file"], f["check"]) for f in data["findings"]],
                         [("src/main.c", "medsec-banned-functions")])
        self.assertIn("added --target=arm-none-eabi for arm-none-eabi-gcc", r.stderr)
        self.assertIn("dropped -specs=nano.specs -specs=nosys.specs", r.stderr)
        self.assertIn("expanded response file(s)", r.stderr)
        self.assertIn("is not installed here: only clang's freestanding headers", r.stderr)

    def test_iar_entry_with_vendor_keywords_parses(self):
        with TempDir() as tmp:
            write(tmp, {"app/iar.c": IAR_UNIT})
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                json.dump([{"directory": tmp, "file": "app/iar.c",
                            "command": "iccarm app/iar.c --cpu=Cortex-M4 --fpu=VFPv4_sp -e "
                                       "--dlib_config DLib_Config_Normal.h -On --debug "
                                       "-o obj"}], f)
            r, data = scan(tmp, "-v")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(units(data)["app/iar.c"]["status"], "analysed", r.stderr)
        self.assertEqual([f["line"] for f in data["findings"]], [9])
        self.assertIn("force-included", r.stderr)
        self.assertIn("iar.h for the vendor keywords of iccarm", r.stderr)

    def test_keil_and_sdcc_entries_parse(self):
        with TempDir() as tmp:
            write(tmp, {"keil.c": KEIL_UNIT, "sdcc.c": SDCC_UNIT})
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                json.dump([{"directory": tmp, "file": "keil.c",
                            "command": "armcc -c --cpu Cortex-M3 --c99 -O3 --apcs=interwork "
                                       "keil.c -o keil.o"},
                           {"directory": tmp, "file": "sdcc.c",
                            "command": "sdcc -mmcs51 --model-large --std-sdcc99 -c sdcc.c"}], f)
            r, data = scan(tmp)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual({f: u["status"] for f, u in units(data).items()},
                         {"keil.c": "analysed", "sdcc.c": "analysed"})

    def test_excluded_globs_show_as_excluded_units_with_their_reason(self):
        with TempDir() as tmp:
            bad = STRCPY + 'void f(char *d, const char *s) { strcpy(d, s); }\n'
            files = {"src/app.c": bad, "third_party/lwip/tcp.c": bad,
                     "build/generated/regs.c": bad, "test/test_app.c": bad}
            write(tmp, files)
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                json.dump([{"directory": tmp, "file": name,
                            "arguments": ["cc", "-c", name]} for name in sorted(files)], f)
            r, data = scan(tmp, "--include", "src/**", "--include", "third_party/**",
                           "--include", "build/**",
                           "--exclude", "third_party/**", "--exclude", "**/generated/*.c")
        self.assertEqual(r.returncode, 1, r.stderr)
        got = {f: (u["status"], u["reason"]) for f, u in units(data).items()}
        self.assertEqual(got, {
            "src/app.c": ("analysed", ""),
            "third_party/lwip/tcp.c": ("excluded", "excluded by --exclude 'third_party/**'"),
            "build/generated/regs.c": ("excluded", "excluded by --exclude '**/generated/*.c'"),
            "test/test_app.c": ("excluded", "matches no --include glob"),
        })
        self.assertEqual([f["file"] for f in data["findings"]], ["src/app.c"])
        self.assertTrue(data["summary"]["complete"])
        self.assertNotIn("medsec: not analysed", r.stderr)
        self.assertIn("0 not analysed", r.stderr)

    def test_duplicate_entries_with_different_configurations_are_each_analysed(self):
        with TempDir() as tmp:
            write(tmp, {"board.c": STRCPY + '#if BOARD == 2\n'
                                            'void f(char *d, const char *s) { strcpy(d, s); }\n'
                                            '#endif\n'})
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                json.dump([{"directory": tmp, "file": "board.c",
                            "arguments": ["cc", "-DBOARD=%d" % b, "-c", "board.c"]}
                           for b in (1, 2, 1)], f)
            r, data = scan(tmp, "-v")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual([u["file"] for u in data["units"]], ["board.c"])
        self.assertEqual([f["line"] for f in data["findings"]], [3])
        self.assertIn("repeats a configuration; analysed once", r.stderr)

    def test_malformed_entry_is_a_usage_error_naming_it(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                json.dump([{"directory": tmp, "file": "a.c", "command": "cc -c a.c"},
                           {"file": "b.c", "command": "cc -c b.c"}], f)
            r, _ = scan(tmp)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("entry 2 has no 'directory'", r.stderr)


if __name__ == "__main__":
    unittest.main()
