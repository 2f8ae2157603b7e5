#!/bin/bash
# Installs what staplint needs from Debian 12's own packages.
# --test also installs what the tests use: nginx (with its stream and mail modules), apache2 and tomcat10 (with its
# Java runtime; the differential and truth tests, and their Debian default
# trees), openssl (certificates and the OCSP responder), iproute2 and
# util-linux (a private network namespace), clang with its runtime for the
# fuzzer, clang-format and clang-tidy (the style tests), git and patch (the --diff output is checked with both),
# pre-commit with python3 (the hook test, the problem-matcher test),
# python3-jinja2 and python3-yaml (templates rendered as Ansible renders them),
# python3-cryptography (the probe test's stale OCSP response), testssl.sh and
# sslscan (peers the probe is compared with),
# golang-go (Go templates rendered by text/template), nodejs and npm (HashiCorp's
# HCL parser, @cdktf/hcl2json from the npm registry, pinned, in /opt/staplint-npm
# or $STAPLINT_NPM_PREFIX: the HCL differential), and dpkg-dev, man-db and
# binutils (the .deb, its man page and its libraries).
# --bench installs what bench/run.sh and bench/scaling.sh use: hyperfine and
# GNU time, and the servers' own checks beside staplint (nginx, apache2,
# xmllint from libxml2-utils), with openssl for the certificates they load.
set -euo pipefail
pkgs=(g++ cmake ninja-build libboost-dev libyaml-cpp-dev libspdlog-dev libfmt-dev catch2 libssl-dev)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(nginx libnginx-mod-stream libnginx-mod-mail apache2 tomcat10 openssl iproute2 util-linux clang libclang-rt-14-dev
         clang-format clang-tidy time
         git patch pre-commit python3 python3-yaml python3-jinja2 python3-cryptography golang-go testssl.sh sslscan dpkg-dev man-db binutils)
  # Debian's nodejs and npm, unless a Node.js with its npm is there already
  # (NodeSource's nodejs bundles npm, and conflicts with Debian's).
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then pkgs+=(nodejs npm); fi
fi
if [ "${1:-}" = "--bench" ]; then
  pkgs+=(hyperfine time nginx apache2 libxml2-utils openssl)
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
if [ "${1:-}" = "--test" ]; then
  prefix=${STAPLINT_NPM_PREFIX:-/opt/staplint-npm}
  $sudo mkdir -p "$prefix"
  $sudo npm install --no-audit --no-fund --silent --prefix "$prefix" @cdktf/hcl2json@0.21.0 >/dev/null
fi
