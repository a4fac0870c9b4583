// The per-customer phase: ordering, hoisted aggregates, lets, tierings and outputs.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "compile/compiler.hpp"
#include "compile/internal/builder.hpp"
#include "compile/internal/walk.hpp"

namespace strata {

using namespace compile_internal;

namespace {

// A let or a tiering, as a node of the dependency graph.
struct Node {
  bool is_let;
  std::uint32_t index;
  friend bool operator<(const Node& a, const Node& b) {
    return a.is_let != b.is_let ? a.is_let < b.is_let : a.index < b.index;
  }
};

std::vector<const ast::Expr*> node_exprs(const Model& model, const Node& node) {
  std::vector<const ast::Expr*> exprs;
  if (node.is_let) {
    exprs.push_back(model.lets[node.index].decl->value.get());
  } else {
    exprs = model.tierings[node.index].expressions();
  }
  return exprs;
}

// Every let and tiering the roots need, in an order where each comes after what it reads. The
// checker has already rejected cycles.
std::vector<Node> evaluation_order(const Model& model, const std::vector<Node>& roots) {
  std::vector<Node> order;
  std::map<Node, int> state;  // 1 visiting, 2 done
  std::function<void(const Node&)> visit = [&](const Node& n) {
    int& s = state[n];
    if (s != 0) return;
    s = 1;
    std::vector<std::uint32_t> lets, tierings;
    for (const ast::Expr* e : node_exprs(model, n)) collect_references(model, *e, lets, tierings);
    for (std::uint32_t t : tierings) visit(Node{false, t});
    for (std::uint32_t l : lets) visit(Node{true, l});
    state[n] = 2;
    order.push_back(n);
  };
  for (const Node& n : roots) visit(n);
  return order;
}

// The scratch column through which a later phase reads an event aggregate of the first phase;
// equal aggregates share one.
std::uint32_t carried_column(const Model& model, PhaseLinks& links, const ast::Expr& call) {
  const std::string key = plan::canonical(model, call);
  if (auto it = links.carried->find(key); it != links.carried->end()) return it->second.column;
  const TypeKind kind = model.types[call.id].kind;
  const auto column = static_cast<std::uint32_t>(links.plan->scratch.size());
  links.plan->scratch.push_back({std::string(model.sources->text(call.span)), bank_of(kind), kind});
  links.carried->emplace(key, CarriedAggregate{&call, column});
  return column;
}

std::uint16_t max_depth(const std::vector<Instr>& code) {
  int depth = 0, deepest = 0;
  for (const Instr& in : code) {
    switch (in.op) {
      case Opcode::SelTrue:
      case Opcode::SelNotTrue:
      case Opcode::SelNotFalse:
      case Opcode::SelDup:
        deepest = std::max(deepest, ++depth);
        break;
      case Opcode::SelPop:
        --depth;
        break;
      default:
        break;
    }
  }
  return static_cast<std::uint16_t>(deepest);
}

}  // namespace

vm::Program compile_customer_phase(const Model& model, const CompileRequest& request,
                                   PhaseLinks* links) {
  vm::Program program;
  program.name = "phase: per-customer event aggregates, lets and tierings";
  Lowering low(model, program, links);
  low.explain_tables = request.explain_tables;
  const bool first_phase = links == nullptr || links->phase == 0;

  std::vector<Node> roots;
  if (request.all_tierings) {
    for (std::uint32_t t : model.tiering_order) roots.push_back(Node{false, t});
  }
  for (std::uint32_t l : request.lets) roots.push_back(Node{true, l});
  std::vector<const ast::Expr*> extra = request.probes;
  extra.insert(extra.end(), request.extras.begin(), request.extras.end());
  for (const auto& [expr, column] : request.carries) extra.push_back(expr);
  std::vector<const ast::Expr*> wanted = extra;
  for (const EventMark& m : request.marks) {
    if (m.filter) wanted.push_back(m.filter);
  }
  for (const ast::Expr* probe : wanted) {
    std::vector<std::uint32_t> lets, tierings;
    collect_references(model, *probe, lets, tierings);
    for (std::uint32_t t : tierings) roots.push_back(Node{false, t});
    for (std::uint32_t l : lets) roots.push_back(Node{true, l});
  }
  const std::vector<Node> order = evaluation_order(model, roots);

  // Phase 1: event aggregates that read only fields and parameters, one fused pass per events
  // table, before anything else. Later phases of a plan load them from the first phase instead.
  std::vector<const ast::Expr*> aggregates;
  for (const Node& n : order) {
    for (const ast::Expr* e : node_exprs(model, n)) collect_aggregates(model, *e, aggregates);
  }
  for (const ast::Expr* probe : extra) collect_aggregates(model, *probe, aggregates);
  std::map<std::uint32_t, std::vector<AggregateCall>> passes;
  std::map<ast::ExprId, bool> seen;
  for (const ast::Expr* call : aggregates) {
    if (seen[call->id]) continue;
    seen[call->id] = true;
    bool hoistable = true;
    for_each_child(*call, [&](const ast::Expr& child) {
      hoistable = hoistable && !low.depends_on_customer_values(child);
    });
    if (!hoistable) continue;
    if (!first_phase) {
      low.carried[call->id] = carried_column(model, *links, *call);
      continue;
    }
    AggregateCall c;
    c.call = call;
    passes[model.calls[call->id].events].push_back(c);
  }
  // The first phase also computes what later phases carry over, unless it computes the same
  // aggregate for itself anyway.
  std::map<std::string, ast::ExprId> own;
  if (links != nullptr && first_phase && links->carried != nullptr) {
    for (const auto& [events, calls] : passes) {
      for (const AggregateCall& c : calls) own.emplace(plan::canonical(model, *c.call), c.call->id);
    }
    for (const auto& [key, carried] : *links->carried) {
      if (own.count(key) != 0) continue;
      AggregateCall c;
      c.call = carried.call;
      passes[model.calls[carried.call->id].events].push_back(c);
      own.emplace(key, carried.call->id);
    }
  }
  for (auto& [events, calls] : passes) {
    std::string what = model.events[events].name + ":";
    for (const AggregateCall& c : calls) {
      what += " " + std::string(model.sources->text(c.call->span));
    }
    if (what.size() > 120) what = what.substr(0, 117) + "...";
    low.aggregate_pass(events, calls, what);
    for (const AggregateCall& c : calls) low.hoisted.emplace(c.call->id, c.result);
  }

  // Lets and tierings in dependency order, each over the whole batch.
  for (const Node& n : order) {
    program.computes.push_back(n.is_let ? model.lets[n.index].name : model.tierings[n.index].name);
    if (n.is_let) {
      const LetSymbol& let = model.lets[n.index];
      Operand v = low.customer(*let.decl->value);
      v = low.convert(v, let.type.kind, let.decl->span);
      low.let_regs[n.index] = v;
    } else {
      compile_tiering(low, n.index);
    }
  }

  // SOP event filters, after everything they may read.
  std::map<std::uint32_t, std::vector<std::pair<std::uint32_t, const ast::Expr*>>> marks;
  for (std::size_t slot = 0; slot < request.marks.size(); ++slot) {
    marks[request.marks[slot].events].emplace_back(static_cast<std::uint32_t>(slot),
                                                   request.marks[slot].filter);
  }
  for (const auto& [events, list] : marks) low.mark_pass(events, list);
  program.mark_slots = static_cast<std::uint32_t>(request.marks.size());
  for (const TieringSymbol& t : model.tierings) program.holds.push_back(t.hold);

  // In declaration order, as RuleSet::tierings() lists them (not in dependency order).
  for (std::uint32_t t = 0; t < model.tierings.size(); ++t) {
    if (!request.all_tierings || !low.tiering_regs[t]) continue;
    const Operand& v = *low.tiering_regs[t];
    program.outputs.push_back({vm::Output::Kind::Tiering, t, model.tierings[t].name,
                               Type::of(TypeKind::Tier, true), v.bank, v.reg});
    program.outputs.back().type.ref = t;
  }
  for (std::uint32_t l : request.lets) {
    const Operand& v = *low.let_regs[l];
    program.outputs.push_back(
        {vm::Output::Kind::Let, l, model.lets[l].name, model.lets[l].type, v.bank, v.reg});
  }
  for (std::uint32_t t : model.tiering_order) {
    if (!low.raw_tiers[t]) continue;
    program.outputs.push_back({vm::Output::Kind::RawTier, t, model.tierings[t].name,
                               Type::of(TypeKind::Tier, true), Bank::I, *low.raw_tiers[t]});
    program.outputs.back().type.ref = t;
  }
  for (std::size_t x = 0; x < request.extras.size(); ++x) {
    const ast::Expr& e = *request.extras[x];
    const Operand v = low.customer(e);
    program.outputs.push_back({vm::Output::Kind::Extra, static_cast<std::uint32_t>(x),
                               std::string(model.sources->text(e.span)), model.types[e.id], v.bank,
                               v.reg});
  }
  for (std::size_t p = 0; p < request.probes.size(); ++p) {
    const ast::Expr& e = *request.probes[p];
    const Operand v = low.customer(e);
    program.outputs.push_back({vm::Output::Kind::Probe, static_cast<std::uint32_t>(p),
                               std::string(model.sources->text(e.span)), model.types[e.id], v.bank,
                               v.reg});
  }

  for (const auto& [expr, column] : request.carries) {
    const Operand v = low.customer(*expr);
    program.outputs.push_back({vm::Output::Kind::Carry, column,
                               std::string(model.sources->text(expr->span)), model.types[expr->id],
                               v.bank, v.reg});
  }
  if (links != nullptr && first_phase && links->carried != nullptr) {
    for (const auto& [key, carried] : *links->carried) {
      const Operand& v = low.hoisted.at(own.at(key));
      program.outputs.push_back({vm::Output::Kind::Carry, carried.column,
                                 std::string(model.sources->text(carried.call->span)),
                                 model.types[carried.call->id], v.bank, v.reg});
    }
  }

  auto frame_depth = [](const vm::Frame& f) {
    return std::max(max_depth(f.code), max_depth(f.prologue));
  };
  program.main.max_depth = frame_depth(program.main);
  for (vm::EventFrame& ef : program.event_frames) ef.frame.max_depth = frame_depth(ef.frame);
  return program;
}

}  // namespace strata
