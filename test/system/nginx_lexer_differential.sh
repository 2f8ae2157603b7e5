#!/bin/bash
# Differential lexer test: generated configurations whose only content is a
# `map` block of two-word entries, with random word forms (bare, quoted,
# escaped, `#` inside words, comments between words, CRLF) and, in some cases,
# one deliberate lexical error. nginx -t and staplint must agree on accept or
# reject for every case. Deterministic: the generator is seeded.
set -u
staplint=$1
cases=${2:-300}
command -v nginx >/dev/null || { echo "nginx is not installed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs"
RANDOM=20261124
version=$(nginx -v 2>&1 | sed -n 's#^nginx version: nginx/\([0-9.]*\).*#\1#p')

word() {  # a random word form; $1 makes it unique
  case $((RANDOM % 9)) in
    0) printf '%s' "w$1" ;;
    1) printf '"%s x"' "q$1" ;;
    2) printf "'%s y'" "s$1" ;;
    3) printf '%s\\;z' "e$1" ;;
    4) printf '"%s\\"in"' "d$1" ;;
    5) printf '%s#h' "h$1" ;;
    6) printf '%s\\ sp' "b$1" ;;
    7) printf '"%s{}"' "c$1" ;;
    8) printf '%s}b' "r$1" ;;
  esac
}
gap() {  # whitespace, sometimes with a comment
  case $((RANDOM % 6)) in
    0) printf ' # note\n  ' ;;
    1) printf '\t' ;;
    2) printf '\r\n ' ;;
    *) printf ' ' ;;
  esac
}
breakage() {  # one lexical error, or none
  case $((RANDOM % 8)) in
    0) printf '    k_err "unterminated;\n' ;;
    1) printf '    k_err "a"b;\n' ;;
    2) printf '    k_err v\n' ;;            # missing ';' before '}'
    3) printf '    ;\n' ;;                  # ';' with no directive
    4) printf '    }\n' ;;                  # stray '}' closes map, then http is short one
    *) ;;
  esac
}

agree=0; disagree=0; rejected=0
for i in $(seq 1 "$cases"); do
  f=$work/case.conf
  {
    printf 'events {}\nhttp {\n  map $http_x $staplint_v%s {\n' "$i"
    # $RANDOM is drawn here, not inside $(...): bash reseeds it in subshells.
    entries=$((1 + RANDOM % 5))
    for j in $(seq 1 "$entries"); do
      printf '    '; word "k${i}_$j"; gap; word "v$j"; printf ';\n'
    done
    breakage
    printf '  }\n}\n'
  } > "$f"
  if nginx -t -q -p "$work/" -c "$f" -e stderr >"$work/nginx.out" 2>&1; then n=0; else n=1; fi
  if "$staplint" --format gcc --fail-on none --nginx-version "$version" "$f" 2>/dev/null \
       | grep -q ': error: '; then s=1; else s=0; fi
  rejected=$((rejected + n))
  if [ "$n" = "$s" ]; then
    agree=$((agree + 1))
  else
    disagree=$((disagree + 1))
    echo "DISAGREE case $i: nginx $([ $n = 0 ] && echo accepts || echo rejects), staplint $([ $s = 1 ] && echo reports || echo 'does not report') an error"
    sed 's/^/    | /' "$f"; sed 's/^/    nginx: /' "$work/nginx.out"
    cp "$f" "$work/../staplint-lexer-disagreement-$i.conf" 2>/dev/null || true
  fi
done
echo "nginx -t lexer agreement: $agree of $cases generated configurations agree ($rejected rejected by nginx, $((cases - rejected)) accepted)"
[ "$disagree" -eq 0 ]
