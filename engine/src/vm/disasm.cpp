// The disassembler and opcode metadata, both generated from opcodes.def.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sstream>

#include "vm/program.hpp"

namespace strata::vm {

namespace {

constexpr OpcodeInfo kOpcodes[] = {
#define STRATA_OP(Name, mnemonic, format, semantics) {mnemonic, format, semantics},
#include "vm/opcodes.def"
};

std::string operand(char kind, std::uint16_t reg, std::int64_t k) {
  switch (kind) {
    case 'I':
      return fmt::format("i{}", reg);
    case 'D':
      return fmt::format("d{}", reg);
    case 'P':
      return fmt::format("^i{}", reg);
    case 'Q':
      return fmt::format("^d{}", reg);
    case 'M':
      return reg == kNoReg ? std::string("*") : fmt::format("i{}", reg);
    case 'K':
      return fmt::format("#{}", k);
    default:
      return {};
  }
}

std::string where(const Span& span, const SourceManager* sources) {
  if (!sources || !span.valid()) return {};
  const SourceFile& file = sources->file(span.file);
  const LineCol lc = file.line_col(span.begin);
  std::string text(sources->text(span));
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (text.size() > 48) {
    // Cut between characters, never inside one (labels are often Chinese).
    std::size_t cut = 45;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return fmt::format("  ; {}:{}  {}", lc.line, lc.column, text);
}

void write_code(std::ostringstream& out, const std::vector<Instr>& code,
                const std::vector<Span>& spans, const SourceManager* sources, const char* indent) {
  for (std::size_t pc = 0; pc < code.size(); ++pc) {
    const Instr& in = code[pc];
    const OpcodeInfo& info = opcode_info(in.op);
    std::string_view format = info.format;
    const auto colon = format.find(':');
    std::string operands;
    auto add = [&](const std::string& text) {
      if (text.empty()) return;
      if (!operands.empty()) operands += ", ";
      operands += text;
    };
    if (colon > 0 && format[0] != '-') add(operand(format[0], in.dst, in.k));
    const std::uint16_t regs[] = {in.a, in.b};
    std::size_t next = 0;
    for (std::size_t j = colon + 1; j < format.size(); ++j) {
      if (format[j] == 'K') {
        add(operand('K', 0, in.k));
      } else {
        add(operand(format[j], next < 2 ? regs[next] : kNoReg, in.k));
        ++next;
      }
    }
    std::string line = fmt::format("{}{:4}  {:<16} {}", indent, pc, info.mnemonic, operands);
    const std::string loc = where(pc < spans.size() ? spans[pc] : Span{}, sources);
    if (!loc.empty()) line = fmt::format("{:<52}{}", line, loc);
    out << line << '\n';
  }
}

void write_frame_header(std::ostringstream& out, const Frame& frame) {
  out << fmt::format("  registers: {} int, {} decimal; {} constants, {} strings, {} params\n",
                     frame.num_i, frame.num_d, frame.const_i.size() + frame.const_d.size(),
                     frame.const_s.size(), frame.params.size());
}

}  // namespace

const OpcodeInfo& opcode_info(Opcode op) {
  return kOpcodes[static_cast<std::size_t>(op)];
}
std::size_t opcode_count() {
  return sizeof(kOpcodes) / sizeof(kOpcodes[0]);
}

std::string disassemble(const Program& program, const SourceManager* sources) {
  std::ostringstream out;
  out << program.name << '\n';
  write_frame_header(out, program.main);
  for (const ConstI& c : program.main.const_i) {
    out << fmt::format("  const i{} = {}\n", c.reg, c.valid ? std::to_string(c.value) : "none");
  }
  for (const ConstD& c : program.main.const_d) {
    out << fmt::format("  const d{} = {}\n", c.reg,
                       c.valid ? Decimal::from_units(c.value).to_string() : "none");
  }
  for (const ConstString& c : program.main.const_s) {
    out << fmt::format("  const i{} = \"{}\"\n", c.reg, c.text);
  }
  for (const ParamSlot& p : program.main.params) {
    out << fmt::format("  param #{} -> {}{}\n", p.param, p.bank == Bank::I ? 'i' : 'd', p.reg);
  }
  for (const ParamSlot& p : program.main.statistics) {
    out << fmt::format("  statistic #{} -> {}{}\n", p.param, p.bank == Bank::I ? 'i' : 'd', p.reg);
  }
  for (std::size_t m = 0; m < program.tier_maps.size(); ++m) {
    out << fmt::format("  tier map #{}: row -> tier {}\n", m, fmt::join(program.tier_maps[m], " "));
  }
  if (!program.main.prologue.empty()) {
    out << "  once per run:\n";
    write_code(out, program.main.prologue, program.main.prologue_spans, sources, "  ");
    out << "  per batch of customers:\n";
  }
  write_code(out, program.main.code, program.main.spans, sources, "  ");
  for (std::size_t f = 0; f < program.event_frames.size(); ++f) {
    const EventFrame& ef = program.event_frames[f];
    out << fmt::format("  event program #{} ({})\n", f, ef.description);
    out << "    init:\n";
    write_code(out, ef.init, ef.init_spans, sources, "    ");
    if (!ef.frame.prologue.empty()) {
      out << "    once per run:\n";
      write_code(out, ef.frame.prologue, ef.frame.prologue_spans, sources, "    ");
    }
    out << "    per chunk of events:\n  ";
    write_frame_header(out, ef.frame);
    write_code(out, ef.frame.code, ef.frame.spans, sources, "    ");
    if (!ef.finish.empty()) {
      out << "    finish:\n";
      write_code(out, ef.finish, ef.finish_spans, sources, "    ");
    }
  }
  out << "  outputs:";
  for (const Output& o : program.outputs) {
    if (o.kind == Output::Kind::Carry) {
      out << fmt::format(" tmp{}={}{}", o.index, o.bank == Bank::I ? 'i' : 'd', o.reg);
    } else {
      out << fmt::format(" {}={}{}", o.name, o.bank == Bank::I ? 'i' : 'd', o.reg);
    }
  }
  out << '\n';
  return out.str();
}

namespace {

const char* kStatNames[] = {
#define STRATA_STAT(Name, description, position) #Name,
#include "vm/statistics.def"
};

void write_stage(std::ostringstream& out, const Plan& plan, std::uint32_t stage) {
  bool header = false;
  for (std::size_t k = 0; k < plan.statistics.size(); ++k) {
    const Statistic& s = plan.statistics[k];
    if (s.stage != stage) continue;
    if (!header) {
      out << fmt::format("stage {}: statistics over all customers{}\n", stage,
                         stage == 0 ? " (from the number of customers)" : "");
      header = true;
    }
    std::string what = kStatNames[static_cast<std::size_t>(s.kind)];
    if (s.kind == StatKind::Ntile) what += fmt::format(" {}", s.buckets);
    if (s.kind == StatKind::Percentile) what += " " + Decimal::from_units(s.fraction).to_string();
    const std::string input = s.input ? fmt::format("tmp{}", *s.input) : std::string("customers");
    const std::string result =
        s.column ? fmt::format("tmp{}", *s.column) : fmt::format("statistic #{}", k);
    out << fmt::format("  #{:<3} {:<28} {} of {} -> {}\n", k, s.text, what, input, result);
  }
}

}  // namespace

std::string disassemble(const Plan& plan, const SourceManager* sources) {
  std::ostringstream out;
  if (!plan.scratch.empty()) {
    out << "scratch columns (one value per customer, carried between phases):\n";
    for (std::size_t c = 0; c < plan.scratch.size(); ++c) {
      out << fmt::format("  tmp{} = {}\n", c, plan.scratch[c].what);
    }
  }
  for (std::size_t p = 0; p < plan.phases.size(); ++p) {
    write_stage(out, plan, static_cast<std::uint32_t>(p));
    out << disassemble(plan.phases[p], sources);
  }
  return out.str();
}

const char* stat_description(StatKind kind) {
  static const char* kDescriptions[] = {
#define STRATA_STAT(Name, description, position) description,
#include "vm/statistics.def"
  };
  return kDescriptions[static_cast<std::size_t>(kind)];
}

bool stat_is_position(StatKind kind) {
  static const bool kPositions[] = {
#define STRATA_STAT(Name, description, position) position,
#include "vm/statistics.def"
  };
  return kPositions[static_cast<std::size_t>(kind)];
}

}  // namespace strata::vm
