//===- PortablePPCallbacks.h - PPCallbacks base that keeps the plugin loadable -*- C++ -*-===//
#ifndef MEDSEC_CHECKS_SUPPORT_PORTABLEPPCALLBACKS_H
#define MEDSEC_CHECKS_SUPPORT_PORTABLEPPCALLBACKS_H

#include "clang/Lex/PPCallbacks.h"

namespace clang::tidy::medsec {

/// Base of every medsec PPCallbacks. libclang defines PPCallbacks::HasInclude
/// out of line with a signature only LLVM 19 has; overriding it keeps our
/// vtables free of that symbol, so the plugin still loads into another LLVM
/// major and its version guard can explain the mismatch.
class PortablePPCallbacks : public PPCallbacks {
public:
  void HasInclude(SourceLocation, StringRef, bool, OptionalFileEntryRef,
                  SrcMgr::CharacteristicKind) override {}
};

} // namespace clang::tidy::medsec

#endif
