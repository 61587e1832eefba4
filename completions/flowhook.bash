# bash completion for flowhook                                   -*- shell-script -*-
# Action names come from `flowhook --list-actions` and scenario names from
# `flowhook generate --scenario list`, so this file never keeps a list of its own.
# Works with or without the bash-completion package.

# The options of each subcommand, and which of them take a value.
_flowhook_options() {
  case $1 in
    validate) echo "-h --help -f --format -a --action --strict -q --quiet -v --verbose -j --jobs" ;;
    generate) echo "-h --help --all --random --seed -n --count -c --compact -s --set --allow-unknown
                    -o --output --split --scenario --list -f --format --schema --strict -q --quiet -v --verbose" ;;
    send) echo "-h --help --url -a --action --random --seed --set --allow-unknown --replay --no-validate
                --basic --bearer -H --header --cacert -k --insecure --gzip -t --timeout --retries --no-retry
                --backoff --max-backoff --no-jitter -c --concurrency --rate --duplicate --shuffle
                -n --dry-run -f --format -q --quiet -v --verbose" ;;
    listen) echo "-h --help --host -p --port --path -f --format --events --no-body --headers --record
                  --fsync --status --delay --reject-invalid --respond --fail-first --timeout-answer
                  --basic --bearer --forward-to --forward-timeout --cacert -k --insecure
                  --max-body --read-timeout
                  --exit-after -q --quiet -v --verbose --ui --ui-keep --ui-keep-bytes" ;;
    check) echo "-h --help --basic --bearer -H --header --cacert -k --insecure -t --timeout --only --skip
                 --slow --burst --probe-url --probe --from -f --format --list" ;;
    '') echo "-h --help -V --version --config" ;;
  esac
}

_flowhook_takes_value() {
  case $1:$2 in
    validate:-f | validate:--format | validate:-a | validate:--action | validate:-j | validate:--jobs) return 0 ;;
    generate:--seed | generate:-n | generate:--count | generate:-s | generate:--set | generate:-o | \
      generate:--output | generate:--scenario | generate:-f | generate:--format) return 0 ;;
    send:--url | send:-a | send:--action | send:--seed | send:--set | send:--replay | send:--basic | send:--bearer | \
      send:-H | send:--header | send:--cacert | send:-t | send:--timeout | send:--retries | \
      send:--backoff | send:--max-backoff | send:-c | send:--concurrency | send:--rate | \
      send:--duplicate | send:-f | send:--format) return 0 ;;
    listen:--host | listen:-p | listen:--port | listen:--path | listen:-f | listen:--format | \
      listen:--events | listen:--record | listen:--status | listen:--delay | listen:--respond | \
      listen:--fail-first | listen:--timeout-answer | listen:--basic | listen:--bearer | \
      listen:--forward-to | listen:--forward-timeout | listen:--cacert | listen:--max-body | listen:--read-timeout | \
      listen:--exit-after | listen:--ui-keep | listen:--ui-keep-bytes) return 0 ;;
    check:--basic | check:--bearer | check:-H | check:--header | check:--cacert | check:-t | \
      check:--timeout | check:--only | check:--skip | check:--slow | check:--burst | \
      check:--probe-url | check:--probe | check:--from | check:-f | check:--format) return 0 ;;
    *:--config) return 0 ;;
  esac
  return 1
}

_flowhook_formats() {
  case $1 in
    validate) echo "text json github junit sarif" ;;
    generate) echo "text json" ;;
    send) echo "text json ndjson" ;;
    listen) echo "text ndjson" ;;
    check) echo "text json junit github" ;;
  esac
}

_flowhook_files() {
  compopt -o filenames 2>/dev/null
  local IFS=$'\n'
  COMPREPLY=($(compgen -f -- "$1"))
}

_flowhook() {
  local cmd=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev='' sub='' i word
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --opt=value: bash splits it at '=' into three words.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  COMPREPLY=()

  # The subcommand, and how many positionals come after it.
  local positionals=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ -z $sub ]]; then
      case $word in
        validate | generate | send | listen | check) sub=$word ;;
        --config) ((i++)) ;;
      esac
    elif [[ $word == = ]]; then
      :
    elif [[ $word == -* ]]; then
      [[ $word != *=* && ${COMP_WORDS[i + 1]:-} != = ]] && _flowhook_takes_value "$sub" "$word" && ((i++))
    elif [[ ${COMP_WORDS[i - 1]} != = ]]; then
      ((positionals++))
    fi
  done

  if _flowhook_takes_value "$sub" "$prev"; then
    case $prev in
      -a | --action)
        COMPREPLY=($(compgen -W "$("$cmd" --list-actions 2>/dev/null)" -- "$cur")) ;;
      --events)
        local done_part='' last=$cur
        if [[ $cur == *,* ]]; then
          done_part=${cur%,*},
          last=${cur##*,}
        fi
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -P "$done_part" -W "$("$cmd" --list-actions 2>/dev/null)" -- "$last")) ;;
      -f | --format)
        COMPREPLY=($(compgen -W "$(_flowhook_formats "$sub")" -- "$cur")) ;;
      --scenario)
        local names
        names=$("$cmd" generate --scenario list 2>/dev/null | awk '/^[^ ]/ {print $1}')
        COMPREPLY=($(compgen -W "$names list" -- "$cur")) ;;
      --only | --skip)
        local names
        names=$("$cmd" check --list 2>/dev/null | awk '{print $1}')
        COMPREPLY=($(compgen -W "$names accepts" -- "$cur")) ;;
      -o | --output | --record | --replay | --from | --cacert | --config)
        _flowhook_files "$cur" ;;
    esac
    return 0
  fi

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_flowhook_options "$sub")" -- "$cur"))
    return 0
  fi
  case $sub in
    '') COMPREPLY=($(compgen -W "validate generate send listen check" -- "$cur")) ;;
    validate) _flowhook_files "$cur" ;;
    generate) COMPREPLY=($(compgen -W "$("$cmd" --list-actions 2>/dev/null)" -- "$cur")) ;;
    send) ((positionals > 0)) && _flowhook_files "$cur" ;;  # the first is the URL
  esac
  return 0
}
complete -F _flowhook flowhook
