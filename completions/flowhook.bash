# bash completion for flowhook
_flowhook() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  COMPREPLY=($(compgen -W "validate --help --version" -- "$cur"))
}
complete -o default -F _flowhook flowhook
