// The dependency graph of lets and tierings: cycles and evaluation order.
//
// A let may use tierings and other lets; a tiering's conditions may use lets and other tierings.
// The order is topological and deterministic — among definitions whose dependencies are done,
// the one declared first comes first — so plans and dumps do not change between runs. Each cycle
// (a strongly connected group) is reported once, naming a path through it in the order the
// definitions use each other.
#include <algorithm>
#include <functional>
#include <set>

#include "check/checker.hpp"

namespace strata::check {

std::uint32_t Checker::node_index(Node n) const {
  return n.kind == Node::Kind::Let ? n.id : static_cast<std::uint32_t>(m_.lets.size()) + n.id;
}

std::string Checker::node_name(Node n) const {
  return n.kind == Node::Kind::Let ? m_.lets[n.id].name : m_.tierings[n.id].name;
}

Span Checker::node_span(Node n) const {
  return n.kind == Node::Kind::Let ? m_.lets[n.id].decl->name.span
                                   : m_.tierings[n.id].decl->name.span;
}

void Checker::order_definitions() {
  const auto lets = static_cast<std::uint32_t>(m_.lets.size());
  const auto count = lets + static_cast<std::uint32_t>(m_.tierings.size());
  std::vector<Node> nodes(count);
  std::vector<std::vector<std::uint32_t>> deps(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const bool let = i < lets;
    nodes[i] = let ? Node{Node::Kind::Let, i} : Node{Node::Kind::Tiering, i - lets};
    const auto& dl = let ? m_.lets[i].depends_on_lets : m_.tierings[i - lets].depends_on_lets;
    const auto& dt =
        let ? m_.lets[i].depends_on_tierings : m_.tierings[i - lets].depends_on_tierings;
    for (std::uint32_t d : dl) deps[i].push_back(d);
    for (std::uint32_t d : dt) deps[i].push_back(lets + d);
  }
  // Declaration order: files in load order, then position in the file.
  std::vector<std::uint32_t> file_rank(m_.sources->size(), 0);
  for (std::uint32_t i = 0; i < m_.modules.size(); ++i) {
    if (m_.modules[i].file < file_rank.size()) file_rank[m_.modules[i].file] = i;
  }
  std::vector<std::uint64_t> seq(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const Span s = node_span(nodes[i]);
    seq[i] = (std::uint64_t{file_rank[s.file]} << 32) | s.begin;
  }

  // Kahn's algorithm, taking the earliest declared ready node each time.
  std::vector<std::vector<std::uint32_t>> users(count);
  std::vector<std::size_t> waiting(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    waiting[i] = deps[i].size();
    for (std::uint32_t d : deps[i]) users[d].push_back(i);
  }
  std::set<std::pair<std::uint64_t, std::uint32_t>> ready;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (waiting[i] == 0) ready.insert({seq[i], i});
  }
  std::vector<bool> placed(count, false);
  std::vector<std::uint32_t> order;
  while (!ready.empty()) {
    const std::uint32_t i = ready.begin()->second;
    ready.erase(ready.begin());
    placed[i] = true;
    order.push_back(i);
    for (std::uint32_t u : users[i]) {
      if (--waiting[u] == 0) ready.insert({seq[u], u});
    }
  }
  report_cycles(nodes, deps, seq, placed);
  // Definitions on or behind a cycle come last, in declaration order, so every id is listed.
  std::vector<std::uint32_t> rest;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!placed[i]) rest.push_back(i);
  }
  std::sort(rest.begin(), rest.end(), [&](auto a, auto b) { return seq[a] < seq[b]; });
  order.insert(order.end(), rest.begin(), rest.end());
  for (std::uint32_t i : order) {
    if (i < lets) {
      m_.let_order.push_back(i);
    } else {
      m_.tiering_order.push_back(i - lets);
    }
  }
}

void Checker::report_cycles(const std::vector<Node>& nodes,
                            const std::vector<std::vector<std::uint32_t>>& deps,
                            const std::vector<std::uint64_t>& seq,
                            const std::vector<bool>& placed) {
  const auto count = static_cast<std::uint32_t>(nodes.size());
  // Tarjan's strongly connected components over the nodes that could not be placed.
  std::vector<int> index(count, -1), low(count, 0);
  std::vector<bool> on_stack(count, false);
  std::vector<std::uint32_t> stack;
  std::vector<std::vector<std::uint32_t>> groups;
  int next = 0;
  std::function<void(std::uint32_t)> connect = [&](std::uint32_t v) {
    index[v] = low[v] = next++;
    stack.push_back(v);
    on_stack[v] = true;
    for (std::uint32_t w : deps[v]) {
      if (index[w] < 0) {
        connect(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v]) return;
    std::vector<std::uint32_t> group;
    std::uint32_t w = 0;
    do {
      w = stack.back();
      stack.pop_back();
      on_stack[w] = false;
      group.push_back(w);
    } while (w != v);
    const bool self = std::find(deps[v].begin(), deps[v].end(), v) != deps[v].end();
    if (group.size() > 1 || self) groups.push_back(std::move(group));
  };
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!placed[i] && index[i] < 0) connect(i);
  }
  for (auto& group : groups) {
    std::sort(group.begin(), group.end(), [&](auto a, auto b) { return seq[a] < seq[b]; });
  }
  std::sort(groups.begin(), groups.end(),
            [&](const auto& a, const auto& b) { return seq[a[0]] < seq[b[0]]; });
  for (const auto& group : groups) {
    const std::vector<std::uint32_t> path = cycle_path(group, deps, seq);
    const std::string first = node_name(nodes[path[0]]);
    if (report_population_cycle(nodes, path)) continue;
    if (path.size() == 1) {
      diags_
          .error(DiagCode::DependencyCycle, node_span(nodes[path[0]]),
                 "`" + first + "` depends on itself", "`" + first + "` uses `" + first + "`")
          .help("a definition cannot use its own value; compute it from other values");
      continue;
    }
    std::string chain;
    for (std::uint32_t i : path) chain += node_name(nodes[i]) + " -> ";
    chain += first;
    auto uses = [&](std::size_t k) {
      return "`" + node_name(nodes[path[k]]) + "` uses `" +
             node_name(nodes[path[(k + 1) % path.size()]]) + "`";
    };
    auto b = diags_.error(DiagCode::DependencyCycle, node_span(nodes[path[0]]),
                          "these definitions depend on each other: " + chain, uses(0));
    for (std::size_t k = 1; k < path.size(); ++k) b.label(node_span(nodes[path[k]]), uses(k));
    b.help("break the cycle: compute one of them without the others");
  }
}

bool Checker::report_population_cycle(const std::vector<Node>& nodes,
                                      const std::vector<std::uint32_t>& path) {
  // A cycle that closes only through the argument of a statistic over all customers: the
  // statistic needs every customer's value before any of them can be computed.
  for (std::size_t k = 0; k < path.size(); ++k) {
    const std::uint32_t from = path[k];
    const std::uint32_t to = path[(k + 1) % path.size()];
    const ast::Expr* stat = population_edge(from, to);
    if (stat == nullptr) continue;
    const std::string stat_text(m_.sources->text(stat->span));
    const std::string user = node_name(nodes[from]);
    const std::string used = node_name(nodes[to]);
    std::string message;
    if (path.size() == 1) {
      message = "`" + user + "` depends on itself through `" + stat_text +
                "`, a statistic over all customers";
    } else {
      std::string chain;
      for (std::size_t j = 0; j < path.size(); ++j) {
        chain += node_name(nodes[path[(k + j) % path.size()]]) + " -> ";
      }
      chain += user;
      message = "these definitions depend on each other through `" + stat_text +
                "`, a statistic over all customers: " + chain;
    }
    auto b = diags_.error(DiagCode::PopulationCycle, stat->span, message,
                          "needs `" + used + "` of every customer first");
    for (std::size_t j = 0; j < path.size(); ++j) {
      const std::uint32_t a = path[j];
      const std::uint32_t c = path[(j + 1) % path.size()];
      if (a == from || path.size() == 1) continue;
      b.label(node_span(nodes[a]),
              "`" + node_name(nodes[a]) + "` uses `" + node_name(nodes[c]) + "`");
    }
    b.note(
        "a statistic over all customers is computed before the values that use it, so its "
        "argument cannot use it");
    b.help("base the statistic on a value computed without it, as in `avg(monetary)`");
    return true;
  }
  return false;
}

std::vector<std::uint32_t> Checker::cycle_path(const std::vector<std::uint32_t>& group,
                                               const std::vector<std::vector<std::uint32_t>>& deps,
                                               const std::vector<std::uint64_t>& seq) const {
  // A depth-first walk from the earliest member, trying earlier-declared neighbours first,
  // until it can step back to the start; the group is strongly connected, so it will.
  const std::uint32_t start = group[0];
  if (group.size() == 1) return {start};
  auto member = [&](std::uint32_t v) {
    return std::find(group.begin(), group.end(), v) != group.end();
  };
  std::vector<std::uint32_t> path{start};
  std::vector<std::uint32_t> seen{start};
  std::function<bool(std::uint32_t)> walk = [&](std::uint32_t v) {
    std::vector<std::uint32_t> next;
    for (std::uint32_t w : deps[v]) {
      if (member(w)) next.push_back(w);
    }
    std::sort(next.begin(), next.end(), [&](auto a, auto b) { return seq[a] < seq[b]; });
    for (std::uint32_t w : next) {
      if (w == start) return true;
      if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
      seen.push_back(w);
      path.push_back(w);
      if (walk(w)) return true;
      path.pop_back();
    }
    return false;
  };
  walk(start);
  return path;
}

}  // namespace strata::check
