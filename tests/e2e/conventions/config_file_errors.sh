#!/usr/bin/env bash
# A config file mistake names the file, the line and the problem (not CLI11's "INI was not able
# to parse validate.bogus"), exits 2 and prints nothing on stdout; a bad FLOWHOOK_* value names
# the variable. --help still works next to a broken ./flowhook.toml. A multi-line array (which
# CLI11 2.1 alone misreads) is read.
source "$(dirname "$0")/../lib.sh"
cd "$WORK" || exit 1
payload="$FIXTURES/documented/order_settled.json"

# config NAME TEXT: writes the file NAME.
config() { printf '%b' "$2" >"$1"; }

config unknown.toml '# defaults\n[validate]\nstrict = true\nbogus = 1\n'
expect_usage_error 'flowhook: unknown.toml:4: unknown option "bogus" under [validate]' "$FLOWHOOK" --config unknown.toml validate "$payload"
config section.toml '[nosuch]\nx = 1\n'
expect_usage_error 'flowhook: section.toml:1: unknown section [nosuch] (the sections are [validate], [generate], [send], [listen], [check])' \
  "$FLOWHOOK" --config section.toml validate "$payload"
config top.toml 'strict = true\n'
expect_usage_error 'flowhook: top.toml:1: unknown option "strict" at the top (options go under [validate], [generate], [send], [listen], [check])' \
  "$FLOWHOOK" --config top.toml validate "$payload"
config dotted.toml 'validate.bogus = 1\n'
expect_usage_error 'flowhook: dotted.toml:1: unknown option "bogus" under [validate]' "$FLOWHOOK" --config dotted.toml validate "$payload"
config syntax.toml '[[[\n'
expect_usage_error 'flowhook: syntax.toml:1: cannot parse "[[[" (expected [section])' "$FLOWHOOK" --config syntax.toml validate "$payload"
config bare.toml '[validate]\n\nstrict\n'
expect_usage_error 'flowhook: bare.toml:3: cannot parse "strict" (expected [section] or key = value)' "$FLOWHOOK" --config bare.toml validate "$payload"
config quote.toml '[validate]\nformat = "json\n'
expect_usage_error 'flowhook: quote.toml:2: cannot parse "format = "json" (a string without its closing quote)' \
  "$FLOWHOOK" --config quote.toml validate "$payload"
config array.toml '[send]\nheader = [\n  "X-A: 1",\n'
expect_usage_error 'flowhook: array.toml:2: cannot parse "header = [" (an array without its closing ])' \
  "$FLOWHOOK" --config array.toml send http://127.0.0.1:1/ "$payload"

# Values: the file, the line and the key are blamed, not the option.
config format.toml '[validate]\nformat = "xml"\n'
expect_usage_error 'flowhook: format.toml:2: format under [validate]: xml not in {text,json,github,junit,sarif}' \
  "$FLOWHOOK" --config format.toml validate "$payload"
config flag.toml '[validate]\nstrict = maybe\n'
expect_usage_error 'flowhook: flag.toml:2: strict under [validate]: "maybe" is not true or false' "$FLOWHOOK" --config flag.toml validate "$payload"
config rate.toml '[send]\nrate = -1\n'
expect_usage_error 'flowhook: rate.toml:2: rate under [send]: "-1" is not a number of attempts per second (0 or more)' \
  "$FLOWHOOK" --config rate.toml send http://127.0.0.1:1/ "$payload"
config url.toml '[send]\nurl = "nonsense"\n'
expect_usage_error 'flowhook: url.toml:2: url under [send]: "nonsense" is not a URL (http://HOST/PATH)' \
  "$FLOWHOOK" --config url.toml send "$payload"
# ... but a value given on the command line is the command line's.
expect_usage_error 'flowhook: validate: --format: xml not in {text,json,github,junit,sarif}' \
  "$FLOWHOOK" --config format.toml validate --format xml "$payload"

# The file itself.
expect_usage_error "flowhook: --config $WORK/missing.toml: No such file or directory" "$FLOWHOOK" --config "$WORK/missing.toml" validate "$payload"
expect_usage_error "flowhook: --config $WORK: Is a directory" "$FLOWHOOK" --config "$WORK" validate "$payload"

# The environment: the variable is named.
expect_usage_error 'flowhook: send: FLOWHOOK_URL: "nonsense" is not a URL (http://HOST/PATH)' env FLOWHOOK_URL=nonsense "$FLOWHOOK" send "$payload"
expect_usage_error 'flowhook: send: FLOWHOOK_URL: bad URL "ftp://x/": unsupported scheme "ftp" (http or https)' \
  env FLOWHOOK_URL=ftp://x/ "$FLOWHOOK" send "$payload"
expect_usage_error 'flowhook: send: FLOWHOOK_BASIC: expected USER:PASS' env FLOWHOOK_BASIC=nocolon "$FLOWHOOK" send http://127.0.0.1:1/ "$payload"
expect_usage_error 'flowhook: listen: FLOWHOOK_BASIC: expected USER:PASS' env FLOWHOOK_BASIC=nocolon "$FLOWHOOK" listen --port 0
expect_usage_error 'flowhook: send: FLOWHOOK_BASIC and --bearer together: the platform sends one or the other' \
  env FLOWHOOK_BASIC=a:b "$FLOWHOOK" send http://127.0.0.1:1/ "$payload" --bearer t
expect_usage_error 'flowhook: send: --url: "nonsense" is not a URL (http://HOST/PATH)' "$FLOWHOOK" send --url nonsense "$payload"

# --help works next to a broken ./flowhook.toml; anything else reports the file.
mkdir broken && cd broken || exit 1
config flowhook.toml '[validate]\nbogus = 1\n'
run "$FLOWHOOK" validate --help
expect_exit 0
expect_out "Usage: flowhook validate"
expect_usage_error 'flowhook: flowhook.toml:2: unknown option "bogus" under [validate]' "$FLOWHOOK" validate "$payload"
expect_usage_error 'flowhook: flowhook.toml:2: unknown option "bogus" under [validate]' "$FLOWHOOK" validate
cd "$WORK" || exit 1

# An array over several lines, with comments, is read whole.
config headers.toml '[send]\nheader = [\n  "X-A: 1",  # first\n  # between\n  "X-B: 2"\n]\n'
run "$FLOWHOOK" --config headers.toml send http://127.0.0.1:1/hooks "$payload" --dry-run
expect_exit 0
expect_out "X-A: 1"
expect_out "X-B: 2"
finish
