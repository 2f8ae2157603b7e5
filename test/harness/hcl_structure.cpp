// Prints what staplint reads from a Terraform file (HCL2 native syntax), in
// the shape of HashiCorp's hcl2json, for the HCL differential
// (test/system/hcl_differential.py): a body is an object whose attributes
// map to "attr" and whose blocks nest by their labels down to a list of
// bodies. A file staplint refuses prints `ERROR line:column: message`.
//   staplint-hcl-structure FILE
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <variant>

#include "staplint/aws_parse.hpp"
#include "staplint/source.hpp"

using namespace staplint;

namespace {

struct Value;
using Body = std::map<std::string, std::shared_ptr<Value>>;
/// "attr", a list of bodies, or labels down to a list of bodies.
struct Value {
  bool attr = false;
  std::vector<Body> bodies;
  std::map<std::string, std::shared_ptr<Value>> labels;
};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

Body body_of(std::span<const Node> nodes) {
  Body b;
  for (const Node& n : nodes) {
    if (n.kind == NodeKind::comment) continue;
    auto& slot = b[std::string(n.name())];
    if (!slot) slot = std::make_shared<Value>();
    if (n.kind == NodeKind::attribute) {
      slot->attr = true;
      continue;
    }
    Value* at = slot.get();
    for (const Arg& label : n.args()) {
      auto& next = at->labels[std::string(label.value)];
      if (!next) next = std::make_shared<Value>();
      at = next.get();
    }
    at->bodies.push_back(body_of(n.children()));
  }
  return b;
}

void print(const Body& b, std::ostream& out);
void print(const Value& v, std::ostream& out) {
  if (v.attr) {
    out << "\"attr\"";
  } else if (!v.labels.empty()) {
    out << "{";
    bool first = true;
    for (const auto& [k, sub] : v.labels) {
      out << (first ? "" : ",") << quoted(k) << ":";
      print(*sub, out);
      first = false;
    }
    out << "}";
  } else {
    out << "[";
    for (std::size_t i = 0; i < v.bodies.size(); ++i) {
      if (i) out << ",";
      print(v.bodies[i], out);
    }
    out << "]";
  }
}
void print(const Body& b, std::ostream& out) {
  out << "{";
  bool first = true;
  for (const auto& [k, v] : b) {
    out << (first ? "" : ",") << quoted(k) << ":";
    print(*v, out);
    first = false;
  }
  out << "}";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: staplint-hcl-structure FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  SourceManager sm;
  const FileId f = sm.add(argv[1], argv[1], bytes.str());
  const ParseResult r = parse_hcl_text(f, sm, 100);
  if (!r) {
    const LineCol at = sm.file(f).line_col(r.error().range.begin);
    std::cout << "ERROR " << at.line << ":" << at.column << ": " << r.error().message << "\n";
    return 0;
  }
  print(body_of(*r), std::cout);
  std::cout << "\n";
  return 0;
}
