//===- WorkerPoolTest.cpp - what a dead worker's log says -----------------===//
#include "WorkerPool.h"

#include <gtest/gtest.h>

using namespace medsec;

namespace {

TEST(CrashLogSummary, TheCauseWithoutBannerFramesOrAddresses) {
  EXPECT_EQ(crashLogSummary("LLVM ERROR: Cannot chdir into \"/x/nope\"!\n"
                            "PLEASE submit a bug report to https://github.com/llvm/llvm-project/"
                            "issues/ and include the crash backtrace.\nStack dump:\n"
                            "0.\tProgram arguments: medsec __analyze --db d.json\n"
                            " #0 0x00007f67e66b73c6 llvm::sys::PrintStackTrace(llvm::raw_ostream&, "
                            "int) (/usr/lib/llvm-19/lib/libLLVM.so.19.1+0xeb73c6)\n"
                            "18 medsec               0x0000560433b70301\n"),
            "Cannot chdir into \"/x/nope\"!");
  EXPECT_EQ(crashLogSummary("assertion at 0x7ffd1234 failed for 0xdeadbeef\n"),
            "assertion at 0x? failed for 0x?");
  // Only the banner and frames: nothing meaningful, nothing random.
  EXPECT_EQ(crashLogSummary("Stack dump:\n0.\tProgram arguments: medsec\n #0 0x1 f\n"), "");
  EXPECT_EQ(
      crashLogSummary("Stack dump without symbol names (ensure you have llvm-symbolizer):\n"
                      "0  libLLVM.so.19.1 0x00007f67e66b73c6 llvm::sys::PrintStackTrace + 54\n"
                      "18 medsec          0x0000560433b70301\n"),
      "");
}

} // namespace

TEST(FailureLogPath, MirrorsTheUnitPathInsideTheDirectory) {
  EXPECT_EQ(failureLogPath("out/logs", "src/lib/ff.c", "0"), "out/logs/src/lib/ff.c.log");
  EXPECT_EQ(failureLogPath("out/logs", "src/lib/ff.c", "2"), "out/logs/src/lib/ff.c.round-2.log");
  EXPECT_EQ(failureLogPath("logs", "/usr/src/a b$.c", "0"), "logs/usr/src/a_b_.c.log");
}

TEST(FailureLogPath, NoComponentClimbsOutOrHides) {
  EXPECT_EQ(failureLogPath("logs", "../../etc/x.c", "0"), "logs/__/__/etc/x.c.log");
  EXPECT_EQ(failureLogPath("logs", "./a/./b.c", "0"), "logs/_/a/_/b.c.log");
  EXPECT_EQ(failureLogPath("logs", "a/..", "0"), "logs/a/__.log");
  EXPECT_EQ(failureLogPath("logs", "a\nb.c", "0"), "logs/a_b.c.log");
}
