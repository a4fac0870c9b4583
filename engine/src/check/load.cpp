// Loading a rule set: the files given, every file they `use`, each parsed once.
//
// A `use "x.strata"` path is relative to the folder of the file that writes it. Files are
// identified by their lexically normalised path, so `use "a.strata"` and `use "./a.strata"` load
// one module, and a file used from two places (or a cycle of uses) is still parsed once. Modules
// are stored used-files-first, the order later stages read them in. A path starting with `std/`
// names a standard module (stdlib/std/, built into the library): `use "std/kpi/nps.strata"`.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/checker.hpp"
#include "strata/parse.hpp"

namespace strata {

extern const std::pair<std::string_view, std::string_view> kStdModules[];
extern const std::size_t kStdModulesCount;

namespace {

namespace fs = std::filesystem;

std::optional<std::string_view> std_module(std::string_view path) {
  for (std::size_t i = 0; i < kStdModulesCount; ++i) {
    if (!kStdModules[i].first.empty() && kStdModules[i].first == path) return kStdModules[i].second;
  }
  return std::nullopt;
}

class Loader {
 public:
  Loader(Model& model, Diagnostics& diags, const std::vector<SourceText>* memory)
      : m_(model), diags_(diags), memory_(memory) {}

  // Loads a file named on the command line (or an in-memory source): no `use` span to blame.
  // The path is normalised like `use` paths, so `./a.strata` and a `use "a.strata"` meet.
  void load_root(const std::string& given) {
    const std::string path = normal(given);
    if (loaded(path)) return;
    std::optional<std::string> text = read(path);
    if (!text) {
      diags_.error(DiagCode::FileError, Span{}, "cannot read `" + path + "`")
          .note("check that the file exists and can be read");
      return;
    }
    load(path, std::move(*text));
  }

  ast::ExprId next_id() const { return next_id_; }

 private:
  static std::string normal(const fs::path& p) { return p.lexically_normal().generic_string(); }

  bool loaded(const std::string& path) const { return m_.sources->find(path) != kNoFile; }

  std::optional<std::string> read(const std::string& path) const {
    if (memory_ != nullptr) {
      for (const SourceText& s : *memory_) {
        if (normal(s.name) == path) return s.text;
      }
    }
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  void load(const std::string& path, std::string text) {
    const FileId file = m_.sources->add(path, std::move(text));
    ast::Module module = parse_module(*m_.sources, file, diags_, next_id_);
    module.file = file;
    for (const ast::Decl& d : module.decls) {
      if (const auto* u = std::get_if<ast::UseDecl>(&d)) load_use(path, *u);
    }
    m_.modules.push_back(std::move(module));
  }

  void load_use(const std::string& from, const ast::UseDecl& use) {
    if (use.path.rfind("std/", 0) == 0) {
      const std::string path = normal(use.path);
      if (loaded(path)) return;
      if (auto text = std_module(path)) return load(path, std::string(*text));
      std::vector<std::string> names;
      for (std::size_t i = 0; i < kStdModulesCount; ++i) {
        names.emplace_back(kStdModules[i].first);
      }
      auto b = diags_.error(DiagCode::UseNotFound, use.span,
                            "there is no standard module `" + use.path + "`", "no such module");
      if (auto near = closest_name(use.path, names)) b.help("did you mean `" + *near + "`?");
      b.note("the standard modules are listed in docs/kpi.md");
      return;
    }
    const std::string path = normal(fs::path(from).parent_path() / use.path);
    if (loaded(path)) return;
    std::optional<std::string> text = read(path);
    if (!text) {
      diags_
          .error(DiagCode::UseNotFound, use.span, "cannot find `" + use.path + "`", "no such file")
          .note("looked for `" + path + "`, relative to the folder of the file that uses it");
      return;
    }
    load(path, std::move(*text));
  }

  Model& m_;
  Diagnostics& diags_;
  const std::vector<SourceText>* memory_;
  ast::ExprId next_id_ = 0;
};

std::unique_ptr<Model> check_all(const std::vector<std::string>& roots,
                                 const std::vector<SourceText>* memory, Diagnostics& diags) {
  auto model = std::make_unique<Model>();
  model->sources = std::make_shared<SourceManager>();
  Loader loader(*model, diags, memory);
  for (const std::string& path : roots) loader.load_root(path);
  const std::size_t n = loader.next_id();
  model->types.assign(n, Type{});
  model->names.assign(n, Resolution{});
  model->calls.assign(n, CallInfo{});
  model->operators.assign(n, OperatorSig{});
  model->constants.assign(n, std::nullopt);
  if (!diags.has_errors()) {
    check::check_model(*model, diags);
  } else {
    // A declaration that did not parse (or a file that was not found) is missing from the model,
    // so every use of its names would be reported again as unknown. Those reports are dropped
    // until the first errors are fixed; every other finding is kept.
    Diagnostics found;
    check::check_model(*model, found);
    for (Diagnostic& d : found.all()) {
      if (!check::may_be_caused_by_missing_declarations(d.code)) diags.add(std::move(d));
    }
  }
  diags.sort();
  return model;
}

}  // namespace

std::unique_ptr<Model> check_files(const std::vector<std::string>& paths, Diagnostics& diags) {
  return check_all(paths, nullptr, diags);
}

std::unique_ptr<Model> check_sources(const std::vector<SourceText>& sources, Diagnostics& diags) {
  std::vector<std::string> roots;
  for (const SourceText& s : sources) roots.push_back(s.name);
  return check_all(roots, &sources, diags);
}

}  // namespace strata
