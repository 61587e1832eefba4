complete -c flowhook -n __fish_use_subcommand -a validate -d 'Check payloads against the schema'
