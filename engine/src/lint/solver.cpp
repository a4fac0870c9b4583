#include "lint/solver.hpp"

#include <algorithm>

namespace strata::linter {

namespace {

enum class Status : std::uint8_t { Entailed, Refuted, Open };

class Search {
 public:
  Search(const AtomTable& atoms, std::uint32_t budget) : atoms_(atoms), budget_(budget) {
    box_.reserve(atoms.size());
    for (std::size_t i = 0; i < atoms.size(); ++i)
      box_.push_back(atoms.universe(static_cast<std::uint32_t>(i)));
  }

  Sat run(std::vector<F> pending) { return search(std::move(pending)); }
  std::vector<Domain>& box() { return box_; }

 private:
  Status status(const F& f) const {
    switch (f->kind) {
      case Formula::Kind::True:
        return Status::Entailed;
      case Formula::Kind::False:
        return Status::Refuted;
      case Formula::Kind::Lit: {
        const Domain& d = box_[f->atom];
        if (d.subset_of(f->domain)) return Status::Entailed;
        if (d.disjoint(f->domain)) return Status::Refuted;
        return Status::Open;
      }
      case Formula::Kind::And: {
        bool all = true;
        for (const F& k : f->kids) {
          const Status s = status(k);
          if (s == Status::Refuted) return Status::Refuted;
          all = all && s == Status::Entailed;
        }
        return all ? Status::Entailed : Status::Open;
      }
      case Formula::Kind::Or: {
        bool none = true;
        for (const F& k : f->kids) {
          const Status s = status(k);
          if (s == Status::Entailed) return Status::Entailed;
          none = none && s == Status::Refuted;
        }
        return none ? Status::Refuted : Status::Open;
      }
    }
    return Status::Open;
  }

  bool narrow(std::uint32_t atom, const Domain& d) {
    Domain next = box_[atom].intersect(d);
    if (next == box_[atom]) return true;
    trail_.emplace_back(atom, std::move(box_[atom]));
    box_[atom] = std::move(next);
    changed_ = true;
    return !box_[atom].is_empty();
  }

  void undo(std::size_t mark) {
    while (trail_.size() > mark) {
      box_[trail_.back().first] = std::move(trail_.back().second);
      trail_.pop_back();
    }
  }

  // Narrows the box by every goal that forces it; keeps the disjunctions still open.
  bool propagate(std::vector<F>& pending) {
    do {
      changed_ = false;
      std::vector<F> open;
      std::vector<F> work = std::move(pending);
      while (!work.empty()) {
        F f = std::move(work.back());
        work.pop_back();
        if (++steps_ > budget_) {
          exhausted_ = true;
          return false;
        }
        switch (f->kind) {
          case Formula::Kind::True:
            break;
          case Formula::Kind::False:
            return false;
          case Formula::Kind::Lit:
            if (!narrow(f->atom, f->domain)) return false;
            break;
          case Formula::Kind::And:
            for (const F& k : f->kids) work.push_back(k);
            break;
          case Formula::Kind::Or: {
            const F* last_open = nullptr;
            std::size_t live = 0;
            bool entailed = false;
            for (const F& k : f->kids) {
              const Status s = status(k);
              if (s == Status::Entailed) {
                entailed = true;
                break;
              }
              if (s == Status::Open) {
                ++live;
                last_open = &k;
              }
            }
            if (entailed) break;
            if (live == 0) return false;
            if (live == 1) {
              work.push_back(*last_open);
            } else {
              open.push_back(std::move(f));
            }
            break;
          }
        }
      }
      pending = std::move(open);
    } while (changed_ && !pending.empty());
    return true;
  }

  Sat search(std::vector<F> pending) {
    if (!propagate(pending)) return exhausted_ ? Sat::Unknown : Sat::No;
    if (pending.empty()) return Sat::Yes;
    // Branch on the open disjunction with the fewest open alternatives.
    std::size_t best = 0, best_live = SIZE_MAX;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      std::size_t live = 0;
      for (const F& k : pending[i]->kids) live += status(k) == Status::Open;
      if (live < best_live) {
        best_live = live;
        best = i;
      }
    }
    const F choice = pending[best];
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(best));
    bool unknown = false;
    for (const F& k : choice->kids) {
      if (status(k) != Status::Open) continue;
      const std::size_t mark = trail_.size();
      std::vector<F> next = pending;
      next.push_back(k);
      const Sat r = search(std::move(next));
      if (r == Sat::Yes) return r;
      undo(mark);
      if (r == Sat::Unknown) unknown = true;
      if (exhausted_) return Sat::Unknown;
    }
    return unknown ? Sat::Unknown : Sat::No;
  }

  const AtomTable& atoms_;
  std::uint32_t budget_;
  std::uint32_t steps_ = 0;
  bool exhausted_ = false;
  bool changed_ = false;
  std::vector<Domain> box_;
  std::vector<std::pair<std::uint32_t, Domain>> trail_;
};

}  // namespace

SolveResult solve(const AtomTable& atoms, std::vector<F> goals, std::uint32_t budget) {
  // The links of every atom involved (and of the atoms they bring in) join the goals.
  std::vector<std::uint32_t> involved;
  for (const F& g : goals) formula_atoms(g, involved);
  for (std::size_t i = 0; i < involved.size(); ++i) {
    for (const F& link : atoms[involved[i]].links) {
      goals.push_back(link);
      formula_atoms(link, involved);
    }
  }
  Search s(atoms, budget);
  SolveResult r;
  r.sat = s.run(std::move(goals));
  if (r.sat == Sat::Yes) r.box = std::move(s.box());
  return r;
}

}  // namespace strata::linter
