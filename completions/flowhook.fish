# fish completion for flowhook. Action names come from `flowhook --list-actions` and scenario
# names from `flowhook generate --scenario list`: this file keeps no list of its own.

function __flowhook_actions
    set -l cmd (commandline -opc)[1]
    $cmd --list-actions 2>/dev/null
end

function __flowhook_events
    # A comma-separated list: complete the last item after what is already typed.
    set -l token (commandline -ct)
    set -l done (string replace -r '[^,=]*$' '' -- $token)
    string replace -r '^.*=' '' -- $done | read -l prefix
    for action in (__flowhook_actions)
        echo $prefix$action
    end
end

function __flowhook_checks
    set -l cmd (commandline -opc)[1]
    $cmd check --list 2>/dev/null | string match -r '^\S+'
    echo accepts
end

function __flowhook_scenarios
    set -l cmd (commandline -opc)[1]
    $cmd generate --scenario list 2>/dev/null | string match -r '^[^ ]\S*' 
    echo list
end

set -l subcommands validate generate send listen check
complete -c flowhook -f
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -s h -l help -d 'Print help'
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -s V -l version -d 'Print the version'
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -l config -r -F -d 'Read option defaults from this TOML file'
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -a validate -d 'Check payloads against the event schema'
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -a generate -d 'Make sample payloads, scenarios and the schema'
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -a send -d 'Deliver payloads as Flow Retail does'
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -a listen -d 'Receive deliveries, check them and answer'
complete -c flowhook -n "not __fish_seen_subcommand_from $subcommands" -a check -d 'Grade a receiver against the platform rules'

# validate
set -l v "__fish_seen_subcommand_from validate"
complete -c flowhook -n $v -F -d 'Payload file or folder'
complete -c flowhook -n $v -s h -l help -d 'Print the options and examples'
complete -c flowhook -n $v -s f -l format -x -a 'text json github junit sarif' -d 'Report format'
complete -c flowhook -n $v -s a -l action -x -a '(__flowhook_actions)' -d 'Every payload must be this action'
complete -c flowhook -n $v -l strict -d 'Unknown fields are errors'
complete -c flowhook -n $v -s q -l quiet -d 'Print only failures'
complete -c flowhook -n $v -s v -l verbose -d 'Report sources and timing on stderr'
complete -c flowhook -n $v -s j -l jobs -x -d 'Validate NDJSON on N threads'

# generate
set -l g "__fish_seen_subcommand_from generate"
complete -c flowhook -n $g -a '(__flowhook_actions)' -d 'Action'
complete -c flowhook -n $g -s h -l help -d 'Print the options and examples'
complete -c flowhook -n $g -l all -d 'One payload per action'
complete -c flowhook -n $g -l random -d 'Realistic varied values'
complete -c flowhook -n $g -l seed -x -d 'Seed for the random values'
complete -c flowhook -n $g -s n -l count -x -d 'Make N payloads'
complete -c flowhook -n $g -s c -l compact -d 'One line per payload'
complete -c flowhook -n $g -s s -l set -x -d 'Override a field, PATH=VALUE'
complete -c flowhook -n $g -l allow-unknown -d 'Let --set add unknown fields'
complete -c flowhook -n $g -s o -l output -r -F -d 'Write to FILE, or a folder with --split'
complete -c flowhook -n $g -l split -d 'One file per payload in the --output folder'
complete -c flowhook -n $g -l scenario -x -a '(__flowhook_scenarios)' -d 'Linked events with consistent ids'
complete -c flowhook -n $g -l list -d 'Print the catalogue of actions'
complete -c flowhook -n $g -s f -l format -x -a 'text json' -d 'Format of --list and --scenario list'
complete -c flowhook -n $g -l schema -d 'Print the JSON Schema'
complete -c flowhook -n $g -l strict -d 'With --schema: forbid unknown fields'
complete -c flowhook -n $g -s q -l quiet -d 'Nothing on stderr but errors'
complete -c flowhook -n $g -s v -l verbose -d 'Print the random seed and a summary on stderr'

# send
set -l s "__fish_seen_subcommand_from send"
complete -c flowhook -n $s -F -d 'URL, then payload files'
complete -c flowhook -n $s -s h -l help -d 'Print the options and examples'
complete -c flowhook -n $s -s a -l action -x -a '(__flowhook_actions)' -d 'Send the sample of ACTION'
complete -c flowhook -n $s -l random -d 'Varied sample values'
complete -c flowhook -n $s -l seed -x -d 'Seed for --random, --shuffle and jitter'
complete -c flowhook -n $s -l set -x -d 'Override a sample field, PATH=VALUE'
complete -c flowhook -n $s -l allow-unknown -d 'Let --set add unknown fields'
complete -c flowhook -n $s -l replay -r -F -d 'Re-send a flowhook listen record file'
complete -c flowhook -n $s -l url -x -d 'Receiver URL when the first argument is not one'
complete -c flowhook -n $s -l no-validate -d 'Send payloads even when invalid'
complete -c flowhook -n $s -l basic -x -d 'HTTP Basic credentials USER:PASS'
complete -c flowhook -n $s -l bearer -x -d 'Bearer token'
complete -c flowhook -n $s -s H -l header -x -d "Extra header 'Key: Value'"
complete -c flowhook -n $s -l cacert -r -F -d 'Trust the CA certificates of this PEM file'
complete -c flowhook -n $s -s k -l insecure -d 'Skip TLS certificate verification'
complete -c flowhook -n $s -l gzip -d 'Compress bodies (Content-Encoding: gzip)'
complete -c flowhook -n $s -s t -l timeout -x -d 'Bound of each whole attempt'
complete -c flowhook -n $s -l retries -x -d 'Retries after the first attempt'
complete -c flowhook -n $s -l no-retry -d 'One attempt per payload'
complete -c flowhook -n $s -l backoff -x -d 'Wait before the first retry'
complete -c flowhook -n $s -l max-backoff -x -d 'Longest wait between attempts'
complete -c flowhook -n $s -l no-jitter -d 'Wait exactly the schedule'
complete -c flowhook -n $s -s c -l concurrency -x -d 'Deliveries in flight at once'
complete -c flowhook -n $s -l rate -x -d 'Attempts per second at most'
complete -c flowhook -n $s -l duplicate -x -d 'Send each payload N times'
complete -c flowhook -n $s -l shuffle -d 'Send the payloads in a random order'
complete -c flowhook -n $s -s n -l dry-run -d 'Print the exact requests, send nothing'
complete -c flowhook -n $s -s f -l format -x -a 'text json ndjson' -d 'Output format'
complete -c flowhook -n $s -s q -l quiet -d 'Print only payloads not delivered'
complete -c flowhook -n $s -s v -l verbose -d 'Log each attempt on stderr as it happens'

# listen
set -l l "__fish_seen_subcommand_from listen"
complete -c flowhook -n $l -s h -l help -d 'Print the options and examples'
complete -c flowhook -n $l -l host -x -d 'Address to bind'
complete -c flowhook -n $l -s p -l port -x -d 'Port to bind, 0 for a free one'
complete -c flowhook -n $l -l path -x -d 'Accept POSTs on this path only'
complete -c flowhook -n $l -s f -l format -x -a 'text ndjson' -d 'What to print per delivery'
complete -c flowhook -n $l -l events -x -a '(__flowhook_events)' -d 'Print only these actions (A,B)'
complete -c flowhook -n $l -l no-body -d 'Leave the body out'
complete -c flowhook -n $l -l headers -d 'Show request headers'
complete -c flowhook -n $l -l record -r -F -d 'Append each accepted delivery to FILE'
complete -c flowhook -n $l -l fsync -d 'Make each record durable before answering (group commit)'
complete -c flowhook -n $l -l status -x -d 'Status to answer'
complete -c flowhook -n $l -l delay -x -d 'Answer this late'
complete -c flowhook -n $l -l reject-invalid -d 'Answer 400 to invalid payloads'
complete -c flowhook -n $l -l respond -x -d 'Answer steps, e.g. 500,timeout,drop,200'
complete -c flowhook -n $l -l fail-first -x -d 'Answer 500 N times per body'
complete -c flowhook -n $l -l timeout-answer -x -d 'How late a timeout step answers'
complete -c flowhook -n $l -l basic -x -d 'Require HTTP Basic credentials'
complete -c flowhook -n $l -l bearer -x -d 'Require this bearer token'
complete -c flowhook -n $l -l forward-to -x -d 'Relay each delivery to your app'
complete -c flowhook -n $l -l forward-timeout -x -d 'How long to wait for the app'
complete -c flowhook -n $l -l cacert -r -F -d 'Trust this PEM CA file (https app)'
complete -c flowhook -n $l -s k -l insecure -d 'Skip the https app certificate check'
complete -c flowhook -n $l -l max-body -x -d 'Larger bodies get 413'
complete -c flowhook -n $l -l read-timeout -x -d 'A request must arrive within it'
complete -c flowhook -n $l -l exit-after -x -d 'Exit after N deliveries'
complete -c flowhook -n $l -s q -l quiet -d 'Print nothing per delivery'
complete -c flowhook -n $l -s v -l verbose -d 'Report refused requests, the open-files limit and the record writes on stderr'
complete -c flowhook -n $l -l ui -d 'Serve a live web inspector at /_flowhook/'
complete -c flowhook -n $l -l ui-keep -x -d 'Keep the last N deliveries for the page'
complete -c flowhook -n $l -l ui-keep-bytes -x -d 'Keep at most SIZE of deliveries for the page'

# check
set -l c "__fish_seen_subcommand_from check"
complete -c flowhook -n $c -s h -l help -d 'Print the options and examples'
complete -c flowhook -n $c -l basic -x -d 'HTTP Basic credentials USER:PASS'
complete -c flowhook -n $c -l bearer -x -d 'Bearer token'
complete -c flowhook -n $c -s H -l header -x -d "Extra header 'Key: Value'"
complete -c flowhook -n $c -l cacert -r -F -d 'Trust the CA certificates of this PEM file'
complete -c flowhook -n $c -s k -l insecure -d 'Skip TLS certificate verification'
complete -c flowhook -n $c -s t -l timeout -x -d 'Bound of each attempt'
complete -c flowhook -n $c -l only -x -a '(__flowhook_checks)' -d 'Run only these checks'
complete -c flowhook -n $c -l skip -x -a '(__flowhook_checks)' -d 'Do not run these checks'
complete -c flowhook -n $c -l slow -x -d 'Answers slower than this warn'
complete -c flowhook -n $c -l burst -x -d 'Deliveries at once in burst'
complete -c flowhook -n $c -l probe-url -x -d 'GET: shows what a delivery changed'
complete -c flowhook -n $c -l probe -x -d 'Command whose output shows the same'
complete -c flowhook -n $c -l from -r -F -d 'Also replay a listen record file'
complete -c flowhook -n $c -s f -l format -x -a 'text json junit github' -d 'Report format'
complete -c flowhook -n $c -l list -d 'List the checks, run none'
