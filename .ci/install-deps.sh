#!/bin/bash
# Installs what staplint needs from Debian 12's own packages.
# --test also installs what the tests use: nginx (the differential test),
# openssl, and clang with its runtime for the fuzzer.
set -euo pipefail
pkgs=(g++ cmake ninja-build libboost-dev libyaml-cpp-dev libspdlog-dev libfmt-dev catch2)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(nginx libnginx-mod-stream openssl clang libclang-rt-14-dev time)
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
