// compile(): from rule files to an immutable RuleSet.
#include <fmt/format.h>
#include <algorithm>
#include <filesystem>

#include "check/model.hpp"
#include "compile/compiler.hpp"
#include "kpi/evaluate.hpp"
#include "kpi/plan.hpp"
#include "sop/plan.hpp"
#include "strata/parse.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"
#include "vm/program.hpp"

namespace strata {

namespace fs = std::filesystem;

namespace {

// A directory stands for its *.strata files, sorted so every run loads them in the same order.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : fs::directory_iterator(p, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".strata") {
          files.push_back(entry.path().lexically_normal().string());
        }
      }
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(fs::path(p).lexically_normal().string());
    }
  }
  return out;
}

// A sub-tier's label for people is its path: each level's label, or its id where it has none;
// empty when no level has a label.
std::string path_label(const TieringSymbol& t, std::uint32_t tier) {
  std::vector<const TierSymbol*> path;
  for (std::optional<std::uint32_t> at = tier; at; at = t.tiers[*at].parent) {
    path.insert(path.begin(), &t.tiers[*at]);
  }
  bool labelled = false;
  std::string text;
  for (const TierSymbol* part : path) {
    labelled = labelled || !part->label.empty();
    text += (text.empty() ? "" : " / ") + (part->label.empty() ? part->local : part->label);
  }
  return labelled ? text : std::string();
}

std::vector<TieringInfo> describe_tierings(const Model& model) {
  std::vector<TieringInfo> out;
  for (const TieringSymbol& t : model.tierings) {
    TieringInfo info;
    info.name = t.name;
    info.label = t.label;
    info.unique = t.policy == ast::HitPolicy::Unique;
    info.has_otherwise = t.has_otherwise;
    for (std::uint32_t i = 0; i < t.tiers.size(); ++i) {
      const TierSymbol& tier = t.tiers[i];
      info.tiers.push_back({tier.name, path_label(t, i), tier.label,
                            tier.parent ? static_cast<int>(*tier.parent) : -1, tier.depth,
                            tier.end});
    }
    const auto text = [&](const Span& span) { return std::string(model.sources->text(span)); };
    switch (t.form) {
      case ast::TieringForm::Tiers:
        info.form = TieringInfo::Form::Tiers;
        break;
      case ast::TieringForm::Table:
        info.form = TieringInfo::Form::Table;
        for (const TableColumnSymbol& c : t.table->columns)
          info.columns.push_back(text(c.expr->span));
        for (const TableRowSymbol& r : t.table->rows) {
          TableRowInfo row{{}, r.tier, r.otherwise};
          for (const ast::TableCell& cell : r.row->cells) row.cells.push_back(text(cell.span));
          info.rows.push_back(std::move(row));
        }
        break;
      case ast::TieringForm::Product:
        info.form = TieringInfo::Form::Product;
        for (std::uint32_t o : t.operands) info.operands.push_back(model.tierings[o].name);
        break;
    }
    out.push_back(std::move(info));
  }
  return out;
}

void describe_sops(const Model& model, std::vector<SopInfo>& sops,
                   std::vector<ObligationInfo>& obligations) {
  for (std::size_t s = 0; s < model.sops.size(); ++s) {
    const SopSymbol& sym = model.sops[s];
    SopInfo info{sym.name, sym.label, sym.all, {}};
    for (const SopTarget& t : sym.targets) info.targets.emplace_back(t.tiering, t.tier);
    sops.push_back(std::move(info));
    for (std::size_t k = 0; k < sym.obligations.size(); ++k) {
      const ObligationSymbol& ob = sym.obligations[k];
      obligations.push_back({s, k + 1, ob.kind == ast::ObligationKind::Respond, ob.text});
    }
  }
}

}  // namespace

RuleSet::~RuleSet() = default;

std::shared_ptr<const RuleSet> RuleSet::from_model(std::unique_ptr<Model> model,
                                                   Diagnostics& diags) {
  diags.set_sources(model->sources);
  if (diags.has_errors() || !model->record) {
    if (!diags.has_errors()) {
      diags.error(DiagCode::MissingRecord, Span{}, "the rule set declares no record").emit();
    }
    return nullptr;
  }
  std::string zone_error;
  auto plan = sop::make_plan(*model, &zone_error);
  if (!plan) {
    diags.error(DiagCode::UnknownTimeZone, Span{}, zone_error)
        .help("install the tz database (Debian: tzdata)");
    return nullptr;
  }
  auto rules = std::shared_ptr<RuleSet>(new RuleSet());
  rules->schema_ = model->schema();
  rules->tierings_ = describe_tierings(*model);
  describe_sops(*model, rules->sops_, rules->obligations_);
  rules->sop_plan_ = std::make_shared<const sop::Plan>(std::move(*plan));
  CompileRequest request;
  sop::add_to_request(*rules->sop_plan_, request);
  rules->plan_ = std::make_unique<vm::Plan>(compile_plan(*model, request));
  rules->kpis_ = kpi::describe(*model);
  auto kpi_plan = std::make_shared<kpi::Plan>(kpi::make_plan(*model));
  if (!kpi_plan->empty()) {
    rules->kpi_first_extra_ = kpi::add_to_request(*kpi_plan, request);
    rules->kpi_run_plan_ = std::make_unique<vm::Plan>(compile_plan(*model, request));
  }
  rules->kpi_plan_ = std::move(kpi_plan);
  rules->model_ = std::move(model);
  return rules;
}

std::shared_ptr<const RuleSet> compile(const std::vector<std::string>& paths, Diagnostics& diags) {
  return RuleSet::from_model(check_files(expand_paths(paths), diags), diags);
}

std::shared_ptr<const RuleSet> compile_text(
    const std::vector<std::pair<std::string, std::string>>& sources, Diagnostics& diags) {
  std::vector<SourceText> texts;
  for (const auto& [name, text] : sources) texts.push_back({name, text});
  return RuleSet::from_model(check_sources(texts, diags), diags);
}

const SourceManager& RuleSet::sources() const {
  return *model_->sources;
}

std::vector<ParamInfo> RuleSet::params() const {
  std::vector<ParamInfo> out;
  for (const ParamSymbol& p : model_->params) {
    ParamInfo info{p.name, type_name(p.type, model_.get()), std::nullopt};
    if (p.default_is_today) {
      info.default_value = "today";
    } else if (p.decl && p.decl->default_value) {
      info.default_value = std::string(model_->sources->text(p.decl->default_value->span));
    }
    out.push_back(std::move(info));
  }
  return out;
}

std::vector<std::string> RuleSet::let_names() const {
  std::vector<std::string> out;
  for (const LetSymbol& l : model_->lets) out.push_back(l.name);
  return out;
}

std::string RuleSet::hash() const {
  // FNV-1a over every source file's path and text: stable across runs and machines.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xFF;
    h *= 1099511628211ull;
  };
  for (std::size_t f = 0; f < model_->sources->size(); ++f) {
    const SourceFile& file = model_->sources->file(static_cast<FileId>(f));
    mix(fs::path(file.path()).filename().string());
    mix(file.text());
  }
  return fmt::format("{:016x}", h);
}

std::string RuleSet::disassemble() const {
  return vm::disassemble(*plan_, model_->sources.get());
}

std::string RuleSet::dump_ast() const {
  std::string out;
  for (const ast::Module& m : model_->modules) out += strata::dump_ast(m, *model_->sources);
  return out;
}

std::string RuleSet::dump_tokens() const {
  std::string out;
  for (const ast::Module& m : model_->modules) out += strata::dump_tokens(*model_->sources, m.file);
  return out;
}

std::optional<Dataset> RuleSet::load(const DataFiles& files, Diagnostics& diags) const {
  return load_dataset(schema_, files.records, files.events, files.options, diags);
}

}  // namespace strata
