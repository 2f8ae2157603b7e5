# bash completion for staplint. Installed as
# share/bash-completion/completions/staplint; works without the
# bash-completion package too (source this file).
_staplint() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  local options="--format --color --fail-on --config --no-config --enable --disable --severity --exclude
    --prefix --root --path-map --nginx-version --httpd-version --tomcat-version --jdk-version
    --no-certificates --crl-warn-days --max-file-size --max-include-depth --max-files --max-nesting --max-expansion --max-value-length --fix --fix=safe --fix=all --diff
    --write-baseline --baseline --show-suppressed --dump-ast --list-rules --explain --verbose --version --help"
  # --opt=value
  if [[ $cur == --*=* ]]; then
    prev=${cur%%=*}
    cur=${cur#*=}
  fi
  local rules
  case $prev in
    --format) mapfile -t COMPREPLY < <(compgen -W "text gcc json github checkstyle junit sarif" -- "$cur"); return ;;
    --color) mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur"); return ;;
    --fail-on) mapfile -t COMPREPLY < <(compgen -W "error warning info none" -- "$cur"); return ;;
    --fix) mapfile -t COMPREPLY < <(compgen -W "safe all" -- "$cur"); return ;;
    --explain|--enable|--disable|--severity)
      # The catalog of the staplint being completed: ids and names.
      rules=$("${COMP_WORDS[0]}" --list-rules 2>/dev/null | awk '{print $1; print $2}')
      if [[ $prev == --severity && $cur == *=* ]]; then
        mapfile -t COMPREPLY < <(compgen -P "${cur%%=*}=" -W "error warning info" -- "${cur#*=}")
      elif [[ $prev == --enable || $prev == --disable ]] && [[ $cur == *,* ]]; then
        mapfile -t COMPREPLY < <(compgen -P "${cur%,*}," -W "$rules" -- "${cur##*,}")
      else
        mapfile -t COMPREPLY < <(compgen -W "$rules" -- "$cur")
      fi
      return ;;
    --prefix|--root) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
    --config|--baseline|--write-baseline|--dump-ast) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --nginx-version|--httpd-version|--tomcat-version|--jdk-version|--crl-warn-days|--max-*|--exclude|--path-map) return ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -o filenames -o bashdefault -F _staplint staplint
