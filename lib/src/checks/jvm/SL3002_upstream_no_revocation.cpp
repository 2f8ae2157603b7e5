// SL3002: revocation sources are configured for PKIX (the ocsp.enable security property,
// -Dcom.sun.security.enableCRLDP=true) while com.sun.net.ssl.checkRevocation stays false, so the JVM's default trust
// manager never checks revocation.
#include <string>

#include "checks/jvm/option_edit.hpp"
#include "rules/jvm/SL3002_upstream_no_revocation.hpp"
#include "staplint/file_system.hpp"
#include "staplint/text.hpp"

namespace staplint::checks::jvm {

namespace {

constexpr std::string_view kCheckRevocation = "com.sun.net.ssl.checkRevocation";

}  // namespace

void SL3002_upstream_no_revocation::check(const CheckContext& ctx, Reporter& r) {
  const JvmOption* check = nullptr;
  for (const JvmOption& o : ctx.jvm.options) {
    if (o.name == kCheckRevocation) check = &o;  // the JVM keeps the last
  }
  if (check && iequals(check->value, "true")) return;
  // The first source, where the finding points.
  FileId file = kNoFile;
  Range at;
  std::string source;
  for (const Node* n : ctx.jvm.security_entries) {
    const ArgList args = n->args();
    const std::string_view value = args.empty() ? std::string_view{} : args[0].value;
    if ((n->name() == "ocsp.enable" && iequals(value, "true")) || n->name() == "ocsp.responderURL") {
      file = n->file();
      at = n->name_range();
      source = "'" + std::string(n->name()) + "=" + std::string(value) + "' in '" +
               path::basename(ctx.sources.file(file).path()) + "'";
      break;
    }
  }
  if (file == kNoFile) {
    for (const JvmOption& o : ctx.jvm.options) {
      if (o.name != "com.sun.security.enableCRLDP" || !iequals(o.value, "true")) continue;
      file = o.file;
      at = o.name_range.end > o.name_range.begin ? o.name_range : o.range;
      source = "'-D" + o.name + "=" + o.value + "'";
      break;
    }
  }
  if (file == kNoFile) return;
  Finding& f = r.report(file, at, Fields{.source = source});
  if (check) {
    f.notes.push_back(
        {check->file, check->range, "'" + std::string(kCheckRevocation) + "' is '" + check->value + "' here"});
    return;
  }
  if (auto add = append_jvm_option(ctx, std::string(kCheckRevocation), "true")) {
    f.fixes.push_back({add->description, {add->edit}});
  }
}

}  // namespace staplint::checks::jvm
