#!/usr/bin/env bash
# Drift guard: every subcommand and option that `flowhook --help` and `flowhook SUB --help`
# show appears in each completion file (bash, zsh, fish), in the man page and in the README,
# under that subcommand; and each subcommand's --format values are completed.
source "$(dirname "$0")/../lib.sh"

for sub in "" validate generate send listen check; do
  "$FLOWHOOK" $sub --help >"$WORK/help.${sub:-top}" || fail "flowhook $sub --help failed"
done
source "$SOURCE_DIR/completions/flowhook.bash" || fail "the bash completion does not load"
for sub in "" validate generate send listen check; do
  echo $(_flowhook_options "$sub") >"$WORK/bash.${sub:-top}"
  echo $(_flowhook_formats "$sub") >"$WORK/bash-formats.${sub:-top}"
done

python3 - "$WORK" "$SOURCE_DIR" <<'PY' || fail "the surfaces above miss what --help shows"
import re, sys
work, src = sys.argv[1], sys.argv[2]
read = lambda p: open(p).read()
zsh, fish = read(f"{src}/completions/_flowhook"), read(f"{src}/completions/flowhook.fish")
bash_src, man, readme = read(f"{src}/completions/flowhook.bash"), read(f"{src}/man/flowhook.1"), read(f"{src}/README.md")
missing = []

def help_options(text):
    """Options and --format values of a --help text."""
    options, formats = [], []
    for m in re.finditer(r"^\s+((?:-\w,)?--[\w-]+)([^\n]*)", text, re.M):
        options += m.group(1).split(",")
        if m.group(1).endswith("--format"):
            formats = re.search(r"\{([^}]*)\}", m.group(2)).group(1).split(",")
    return options, formats

def section(text, start, end):
    m = re.search(start + r"(.*?)(?=" + end + r"|\Z)", text, re.S)
    return m.group(1) if m else ""

def has_option(text, option, style):
    name = option.lstrip("-")
    if style == "man":  # Fl \-long, Fl x
        prefix = r"Fl \\-" if option.startswith("--") else r"Fl "
        return re.search(prefix + re.escape(name) + r"(?=[\s,|]|$)", text, re.M)
    if style == "fish":
        flag = "-l " if option.startswith("--") else "-s "
        return re.search(re.escape(flag + name) + r"(?=\s|$)", text, re.M)
    return re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", text)

top_help = read(f"{work}/help.top")
subs = re.findall(r"^  (\w+)\s{2,}", top_help.split("Subcommands:")[1], re.M)
assert subs == ["validate", "generate", "send", "listen", "check"], subs

def check(where, text, option, style="plain"):
    if not has_option(text, option, style):
        missing.append(f"{where}: {option}")

top_options, _ = help_options(top_help.split("Subcommands:")[0])
for option in top_options:
    check("bash (top level)", read(f"{work}/bash.top"), option)
    check("zsh (top level)", section(zsh, r"\n_flowhook\(\) \{", r"\n\}"), option)
    check("fish (top level)", "\n".join(l for l in fish.splitlines() if "not __fish_seen_subcommand_from" in l), option, "fish")
    check("man page (top level)", section(man, r"\.Sh DESCRIPTION", r"\.Sh "), option, "man")
    check("README", readme, option)

for sub in subs:
    options, formats = help_options(read(f"{work}/help.{sub}"))
    sections = {
        "bash": (read(f"{work}/bash.{sub}"), "plain"),
        "zsh": (section(zsh, rf"\n_flowhook_{sub}\(\) \{{", r"\n\}"), "plain"),
        "fish": (section(fish, rf"\n# {sub}\n", r"\n# "), "fish"),
        "man page": (section(man, rf"\.Ss {sub}\n", r"\.S[sh] "), "man"),
        "README": (section(readme, rf"\n## {sub}\n", r"\n## "), "plain"),
    }
    for where, (text, style) in sections.items():
        if not text.strip():
            missing.append(f"{where}: no section for {sub}")
            continue
        for option in options:
            # The README and the man page document -h/--help once, at the top.
            if where in ("README", "man page") and option in ("-h", "--help"):
                continue
            check(f"{where} ({sub})", text, option, style)
    # Every completion offers exactly the --format values that --help lists.
    if sorted(read(f"{work}/bash-formats.{sub}").split()) != sorted(formats):
        missing.append(f"bash ({sub}): --format values are not {formats}")
    for where in ("zsh", "fish"):
        line = next((l for l in sections[where][0].splitlines() if "-l format" in l or "--format" in l), "")
        for value in formats:
            if not re.search(rf"[(' ]{value}[ )']", line):
                missing.append(f"{where} ({sub}): --format value {value}")
    if not re.search(rf'compgen -W "[^"]*\b{sub}\b', bash_src):
        missing.append(f"bash: subcommand {sub}")
    if not re.search(rf"\b{sub}\\:", zsh):
        missing.append(f"zsh: subcommand {sub}")
    if not re.search(rf"-a {sub} ", fish):
        missing.append(f"fish: subcommand {sub}")
    if not re.search(rf"^\.Cm {sub}$", section(man, r"\.Sh SYNOPSIS", r"\.Sh "), re.M):
        missing.append(f"man page: {sub} in SYNOPSIS")

for m in missing:
    print("missing from", m, file=sys.stderr)
sys.exit(1 if missing else 0)
PY
finish
