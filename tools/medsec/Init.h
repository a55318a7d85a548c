//===- Init.h - medsec init: editor and clang-tidy set-up files -*- C++ -*-===//
#ifndef MEDSEC_TOOLS_INIT_H
#define MEDSEC_TOOLS_INIT_H

namespace medsec {

/// `medsec init [DIR] [-p BUILD_DIR] [--force]`: writes DIR/.clangd (for
/// medsec-clangd) and DIR/.clang-tidy (for clang-tidy-19 with the plugin).
/// Existing files are left alone unless --force, which backs them up and
/// merges the medsec settings in. Argv[1] is "init".
int initCommand(int Argc, char **Argv);

} // namespace medsec

#endif
