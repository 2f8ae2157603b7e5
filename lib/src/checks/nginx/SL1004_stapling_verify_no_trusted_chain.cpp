// SL1004: stapled responses are verified against no trusted chain.
#include <map>
#include <optional>
#include <set>

#include "checks/common/edits.hpp"
#include "checks/nginx/certificate_facts.hpp"
#include "checks/nginx/directives.hpp"
#include "checks/nginx/servers.hpp"
#include "rules/nginx/SL1004_stapling_verify_no_trusted_chain.hpp"

namespace staplint::checks::nginx {

namespace {

/// Every CA-bundle directive of the tree, in document order (from the known
/// directives' uses, walked once per tree for every rule).
std::vector<const Node*> tree_trust_files(const CheckContext& ctx) {
  std::vector<const Node*> out;
  for (const DirectiveUse& use : known_directive_uses(ctx)) {
    const std::string_view n = use.node->name();
    if (n == "ssl_trusted_certificate" || n == "ssl_client_certificate") out.push_back(use.node);
  }
  return out;
}

constexpr const char* kSystemBundle = "/etc/ssl/certs/ca-certificates.crt";

/// The file SL1004's fix trusts, and why; an empty path: no fix (`why` says
/// what to do instead).
struct TrustPick {
  std::string path;
  std::string why;
};

/// The top of `c`'s served chain: the last certificate reached by following
/// issuers within its own file.
const CertificateInfo* chain_top(const ServedCertificate& c) {
  const CertificateInfo* top = c.leaf;
  for (std::size_t steps = 0; steps < c.file->certificates.size(); ++steps) {
    const CertificateInfo* next = nullptr;
    for (const CertificateInfo& o : c.file->certificates) {
      if (&o != top && issued_by(*top, o)) next = &o;
    }
    if (!next || next->self_issued) return next ? next : top;
    top = next;
  }
  return top;
}

bool holds_issuer_of(const CertificateFile* file, const CertificateInfo& cert) {
  if (!file || file->status != CertificateFile::Status::ok) return false;
  return std::any_of(file->certificates.begin(), file->certificates.end(),
                     [&](const CertificateInfo& o) { return issued_by(cert, o); });
}

/// A file that may hold the roots: the path as the configuration writes it,
/// as read, and what it holds.
struct TrustCandidate {
  std::string written, read;
  const CertificateFile* file;
};

struct TrustMemo {
  /// The files the tree's trust directives name, one entry per file read
  /// (the first directive naming it), gathered once per tree.
  std::optional<std::vector<TrustCandidate>> tree_files;
  /// Per set of served certificate files (as written): servers that share
  /// their certificates share the answer.
  std::map<std::vector<std::pair<const CertificateFile*, std::string_view>>, TrustPick> picks;
};

/// Every certificate the server serves was read.
bool all_read(const NginxStaplingFacts& facts) {
  return !facts.served.empty() &&
         std::all_of(facts.served.begin(), facts.served.end(), [](const ServedCertificate& c) { return c.leaf; });
}

TrustPick pick_trusted_file_uncached(const CheckContext& ctx, const NginxServer& s, TrustMemo& memo) {
  const std::string bundle_fix = "trust the system CA bundle for OCSP response verification";
  if (!ctx.certificates) return {kSystemBundle, bundle_fix};
  const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
  if (!all_read(facts)) {
    return {kSystemBundle, bundle_fix + " (right for a public CA; the certificate could not be read)"};
  }
  std::vector<const CertificateInfo*> tops;
  for (const ServedCertificate& c : facts.served) tops.push_back(chain_top(c));
  auto all_rooted_in = [&](const CertificateFile* file, const std::string& own_path) {
    for (std::size_t i = 0; i < tops.size(); ++i) {
      const bool in_own = facts.served[i].path == own_path && tops[i]->self_issued;
      if (!in_own && !holds_issuer_of(file, *tops[i])) return false;
    }
    return true;
  };
  const NamedFile& bundle = ctx.certificates->resolve_server_path(kSystemBundle);
  if (all_rooted_in(bundle.file, {})) return {kSystemBundle, bundle_fix + ", which holds the root of this chain"};
  // A file this configuration already names, holding the roots: the
  // certificate file itself, a client CA file, another server's trusted file.
  // Each with the path as the configuration writes it (relative to the
  // prefix, or the server's absolute path), and as read.
  std::vector<TrustCandidate> candidates;
  for (const ServedCertificate& c : facts.served) {
    candidates.push_back({std::string(c.directive->args()[0].value), std::string(c.path), c.file});
  }
  if (!memo.tree_files) {  // once per tree, not per server
    memo.tree_files.emplace();
    std::set<const CertificateFile*> seen;
    for (const Node* d : tree_trust_files(ctx)) {
      const auto named = ctx.certificates->resolve(*d);
      if (named && seen.insert(named->file).second) {
        memo.tree_files->push_back({std::string(d->args()[0].value), named->path, named->file});
      }
    }
  }
  candidates.insert(candidates.end(), memo.tree_files->begin(), memo.tree_files->end());
  for (const TrustCandidate& c : candidates) {
    if (!all_rooted_in(c.file, c.read)) continue;
    return {c.written,
            "trust '" + c.written + "', which holds the root of this chain (a private CA: the system bundle does not)"};
  }
  return {{},
          "the root of this chain ('" + tops.front()->issuer +
              "') is in neither the system CA bundle nor any file staplint read: set "
              "'ssl_trusted_certificate' to a PEM file with it"};
}

/// The system bundle only when every served chain's root is in it (adding it
/// for a private CA would make verification fail, and so stapling); else a
/// file of this configuration that holds the roots (the certificate file
/// itself when it carries its root); else nothing. Certificates staplint
/// cannot read keep the bundle, as the likely case of a public CA.
TrustPick pick_trusted_file(const CheckContext& ctx, const NginxServer& s, TrustMemo& memo) {
  if (!ctx.certificates) return pick_trusted_file_uncached(ctx, s, memo);
  const NginxStaplingFacts& facts = *nginx_stapling_facts(ctx.certificates, s);
  // A certificate that cannot be read: the answer needs no memo.
  if (!all_read(facts)) return pick_trusted_file_uncached(ctx, s, memo);
  // The paths as written (views into the configuration's text).
  std::vector<std::pair<const CertificateFile*, std::string_view>> key;
  for (const ServedCertificate& c : facts.served) {
    const ArgList args = c.directive->args();
    key.emplace_back(c.file, args.empty() ? std::string_view() : args[0].value);
  }
  if (auto it = memo.picks.find(key); it != memo.picks.end()) return it->second;
  TrustPick pick = pick_trusted_file_uncached(ctx, s, memo);
  memo.picks.emplace(std::move(key), pick);
  return pick;
}

}  // namespace

void SL1004_stapling_verify_no_trusted_chain::check(const CheckContext& ctx, Reporter& r) {
  TrustMemo memo;
  for (const NginxServer& s : ctx.nginx.servers) {
    if (!stapling_applies(ctx, s)) continue;
    if (!s.effective("ssl_stapling").is_on()) continue;
    const Effective verify = s.effective("ssl_stapling_verify");
    if (!verify.is_on()) continue;
    if (s.effective("ssl_trusted_certificate").node) continue;
    Finding& f = r.report(verify.node->file(), verify.node->range, Fields{});
    const std::string_view client = s.effective("ssl_verify_client").value("off");
    if (client == "on" || client == "optional") {
      f.notes.push_back({verify.node->file(), verify.node->range,
                         "this server verifies client certificates, and "
                         "'ssl_trusted_certificate' also trusts them: name a file with only "
                         "your certificate's issuer chain and root"});
      continue;
    }
    const TrustPick pick = pick_trusted_file(ctx, s, memo);
    if (pick.path.empty()) {
      f.notes.push_back({verify.node->file(), verify.node->range, pick.why});
      continue;
    }
    Fix fix;
    fix.description = pick.why;
    fix.edits.push_back(insert_after(ctx.sources, *verify.node, {"ssl_trusted_certificate " + pick.path + ";"}));
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace staplint::checks::nginx
