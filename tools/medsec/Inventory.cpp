//===- Inventory.cpp - clang-tidy with a record of files and version macros ===//
#include "Inventory.h"

#include "../../checks/support/PortablePPCallbacks.h"
#include "MacroEval.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"

namespace medsec {

namespace {

using namespace clang;

class InventoryCallbacks : public clang::tidy::medsec::PortablePPCallbacks {
public:
  InventoryCallbacks(Preprocessor &PP, const std::function<std::vector<std::string>()> &Macros,
                     UnitInventory &Inv)
      : PP(PP), SM(PP.getSourceManager()), Macros(Macros), Inv(Inv) {}

  void FileChanged(SourceLocation Loc, FileChangeReason Reason, SrcMgr::CharacteristicKind,
                   FileID) override {
    if (Reason != EnterFile)
      return;
    const FileID FID = SM.getFileID(Loc);
    const std::string Path = pathOf(FID);
    if (!Path.empty())
      (FID == SM.getMainFileID() ? Inv.Compiled : Inv.Included).insert(Path);
  }

  void EndOfMainFile() override {
    if (!Macros)
      return;
    for (const std::string &Name : Macros()) {
      const MacroInfo *MI = macro(Name);
      if (!MI)
        continue;
      MacroValue V;
      V.Value =
          evaluateMacro(Name, [&](const std::string &N) { return definition(N); }).value_or("");
      const SourceLocation Def = SM.getExpansionLoc(MI->getDefinitionLoc());
      V.File = pathOf(SM.getFileID(Def));
      V.Line = SM.getExpansionLineNumber(Def);
      Inv.Macros[Name] = V;
    }
  }

private:
  std::string pathOf(FileID FID) const {
    OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
    if (!FE)
      return ""; // <built-in>, <command line>
    llvm::SmallString<256> P(FE->getName());
    SM.getFileManager().makeAbsolutePath(P);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    return P.str().str();
  }

  const MacroInfo *macro(const std::string &Name) const {
    return PP.getMacroInfo(PP.getIdentifierInfo(Name));
  }

  const MacroDefinition *definition(const std::string &Name) {
    auto It = Defs.find(Name);
    if (It != Defs.end())
      return It->second ? &*It->second : nullptr;
    const MacroInfo *MI = macro(Name);
    std::optional<MacroDefinition> &D = Defs[Name];
    if (!MI)
      return nullptr;
    D.emplace();
    D->FunctionLike = MI->isFunctionLike();
    D->Variadic = MI->isVariadic();
    for (const IdentifierInfo *P : MI->params())
      D->Params.push_back(P->getName().str());
    for (const Token &T : MI->tokens()) {
      PPToken P;
      P.Text = PP.getSpelling(T);
      P.LeadingSpace = T.hasLeadingSpace();
      if (T.getIdentifierInfo())
        P.K = PPToken::Identifier;
      else if (T.is(tok::numeric_constant))
        P.K = PPToken::Number;
      else if (tok::isStringLiteral(T.getKind()))
        P.K = PPToken::String;
      else if (T.isOneOf(tok::char_constant, tok::wide_char_constant, tok::utf8_char_constant,
                         tok::utf16_char_constant, tok::utf32_char_constant))
        P.K = PPToken::Char;
      else
        P.K = PPToken::Punct;
      D->Body.push_back(std::move(P));
    }
    return &*D;
  }

  Preprocessor &PP;
  SourceManager &SM;
  const std::function<std::vector<std::string>()> &Macros;
  UnitInventory &Inv;
  std::map<std::string, std::optional<MacroDefinition>> Defs;
};

/// runClangTidy's action factory (clang-tidy/ClangTidy.cpp, LLVM 19), with
/// the inventory callbacks added to each unit's preprocessor.
class InventoryActionFactory : public tooling::FrontendActionFactory {
public:
  InventoryActionFactory(tidy::ClangTidyContext &Context,
                         llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
                         std::function<std::vector<std::string>()> Macros, UnitInventory &Inv)
      : ConsumerFactory(Context, std::move(BaseFS)), Macros(std::move(Macros)), Inv(Inv) {}

  std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(*this); }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy does: checks may test __clang_analyzer__.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(Invocation, Files, PCHContainerOps, DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(InventoryActionFactory &F) : F(F) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef File) override {
      Preprocessor &PP = CI.getPreprocessor();
      PP.addPPCallbacks(std::make_unique<InventoryCallbacks>(PP, F.Macros, F.Inv));
      return F.ConsumerFactory.createASTConsumer(CI, File);
    }

  private:
    InventoryActionFactory &F;
  };

  tidy::ClangTidyASTConsumerFactory ConsumerFactory;
  std::function<std::vector<std::string>()> Macros;
  UnitInventory &Inv;
};

} // namespace

std::vector<tidy::ClangTidyError> runClangTidyWithInventory(
    tidy::ClangTidyContext &Context, const tooling::CompilationDatabase &Db,
    const std::string &File, llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
    std::function<std::vector<std::string>()> VersionMacros, UnitInventory &Inv) {
  tooling::ClangTool Tool(Db, {File}, std::make_shared<PCHContainerOperations>(), BaseFS);
  // The extra arguments clang-tidy's options carry, as runClangTidy adds them.
  Tool.appendArgumentsAdjuster(
      [&Context](const tooling::CommandLineArguments &Args, StringRef Filename) {
        tidy::ClangTidyOptions Opts = Context.getOptionsForFile(Filename);
        tooling::CommandLineArguments Adjusted = Args;
        if (Opts.ExtraArgsBefore) {
          auto I = Adjusted.begin();
          if (I != Adjusted.end() && !StringRef(*I).starts_with("-"))
            ++I; // the compiler's name
          Adjusted.insert(I, Opts.ExtraArgsBefore->begin(), Opts.ExtraArgsBefore->end());
        }
        if (Opts.ExtraArgs)
          Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(), Opts.ExtraArgs->end());
        return Adjusted;
      });
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  tidy::ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr,
                                                 /*RemoveIncompatibleErrors=*/true,
                                                 /*GetFixesFromNotes=*/false);
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(), &DiagConsumer,
                       /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  Tool.setDiagnosticConsumer(&DiagConsumer);
  InventoryActionFactory Factory(Context, std::move(BaseFS), std::move(VersionMacros), Inv);
  Tool.run(&Factory);
  return DiagConsumer.take();
}

} // namespace medsec
