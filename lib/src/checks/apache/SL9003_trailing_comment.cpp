// SL9003: a '#' comment after a directive on the same line, which httpd reads as arguments.
#include "rules/apache/SL9003_trailing_comment.hpp"
#include "checks/apache/directives.hpp"
#include "checks/common/edits.hpp"
#include "checks/common/name_set.hpp"

namespace staplint::checks::apache {

namespace {

/// httpd's argument kinds for the revocation directives: a FLAG reads one word
/// and ignores the rest; TAKE1 and RAW_ARGS refuse extra words.
bool is_flag_directive(std::string_view name) {
  static const NameSet kFlags{"SSLUseStapling",          "SSLStaplingReturnResponderErrors",
                              "SSLStaplingFakeTryLater", "SSLOCSPOverrideResponder",
                              "SSLOCSPUseRequestNonce",  "SSLOCSPNoverify",
                              "SSLProxyEngine",          "SSLProxyCheckPeerExpire",
                              "SSLProxyCheckPeerName",   "SSLStrictSNIVHostCheck",
                              "SSLSessionTickets",       "SSLHonorCipherOrder"};
  return kFlags.contains(name);
}

bool is_one_arg_directive(std::string_view name) {
  static const NameSet kOneArg{"SSLStaplingCache",
                               "SSLStaplingResponderTimeout",
                               "SSLStaplingStandardCacheTimeout",
                               "SSLStaplingErrorCacheTimeout",
                               "SSLStaplingResponseTimeSkew",
                               "SSLStaplingResponseMaxAge",
                               "SSLStaplingForceURL",
                               "SSLOCSPEnable",
                               "SSLOCSPDefaultResponder",
                               "SSLOCSPResponderTimeout",
                               "SSLOCSPResponseTimeSkew",
                               "SSLOCSPResponseMaxAge",
                               "SSLOCSPResponderCertificateFile",
                               "SSLOCSPProxyURL",
                               "SSLCARevocationCheck",
                               "SSLCARevocationFile",
                               "SSLCARevocationPath",
                               "SSLProxyCARevocationCheck",
                               "SSLProxyCARevocationFile",
                               "SSLProxyCARevocationPath",
                               "SSLVerifyClient",
                               "SSLProxyVerify",
                               "SSLVerifyDepth",
                               "SSLProxyVerifyDepth",
                               "SSLCACertificateFile",
                               "SSLCACertificatePath",
                               "SSLProxyCACertificateFile",
                               "SSLProxyCACertificatePath",
                               "SSLCertificateFile",
                               "SSLCertificateKeyFile",
                               "SSLCertificateChainFile",
                               "SSLSessionCache",
                               "SSLSessionCacheTimeout"};
  return kOneArg.contains(name);
}

}  // namespace

void SL9003_trailing_comment::check(const CheckContext& ctx, Reporter& r) {
  const ApacheModel& m = ctx.apache;
  for (const ApacheDirective& d : m.directives) {
    const Node& n = *d.node;
    if (n.kind != NodeKind::directive || !ssl_named(n.name())) continue;
    // Most directives hold no '#' at all: their words are not read.
    if (n.file() != kNoFile) {
      const std::string_view text = ctx.sources.file(n.file()).text();
      if (text.substr(n.range.begin, n.range.end - n.range.begin).find('#') == std::string_view::npos) continue;
    }
    const bool flag = is_flag_directive(n.name());
    if (!flag && !is_one_arg_directive(n.name())) continue;
    const ArgList args = n.args();
    std::size_t hash = args.size();
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i].quote == Quote::none && !args[i].value.empty() && args[i].value[0] == '#') {
        hash = i;
        break;
      }
    }
    if (hash == args.size() || hash == 0) continue;
    const Range comment{args[hash].range.begin, args.back().range.end};
    Finding& f = r.report(n.file(), comment,
                          Fields{.directive = n.name(),
                                 .effect = flag ? "httpd ignores it, by luck: only the first word of a "
                                                  "flag is read"
                                                : "httpd refuses the configuration ('takes one "
                                                  "argument' or 'Invalid argument')"});
    if (flag) f.severity = Severity::warning;
    note_conditions(f, {&d});
    const SourceFile& src = ctx.sources.file(n.file());
    const std::string text = src.text().substr(comment.begin, comment.end - comment.begin);
    TextEdit cut;
    cut.file = n.file();
    cut.offset = args[hash - 1].range.end;
    cut.length = comment.end - cut.offset;
    f.fixes.push_back({"move the comment to its own line above",
                       {insert_before(ctx.sources, n, {text}), cut},
                       /*safe=*/true});
  }
}

}  // namespace staplint::checks::apache
