"""``notelint completion bash|zsh|fish``: a shell completion script, made from the command
line parser itself, so it always offers exactly the commands and options that exist.

    notelint completion bash > ~/.local/share/bash-completion/completions/notelint
    notelint completion zsh > "${fpath[1]}/_notelint"    # uses zsh's bash completion
    notelint completion fish > ~/.config/fish/completions/notelint.fish
"""

from __future__ import annotations

import argparse
import sys

from notelint.errors import EXIT_CLEAN

SHELLS = ("bash", "zsh", "fish")


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return sorted(
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--")
    )


def _choices(parsers: dict[str, argparse.ArgumentParser]) -> dict[str, list[str]]:
    """Options whose values are a fixed list (``--output-format``), across commands."""
    found: dict[str, set[str]] = {}
    for parser in parsers.values():
        for action in parser._actions:
            if action.choices and action.option_strings:
                for option in action.option_strings:
                    found.setdefault(option, set()).update(str(c) for c in action.choices)
    return {option: sorted(values) for option, values in found.items()}


def bash_script(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    cases = "\n".join(
        f'        {name}) opts="{" ".join(_options(sub))}" ;;' for name, sub in commands.items()
    )
    values = "\n".join(
        f'        {option}) COMPREPLY=($(compgen -W "{" ".join(choices)}" -- "$cur")); return ;;'
        for option, choices in _choices(commands).items()
    )
    check = " ".join(_options(commands["check"]))
    return f"""# notelint completion for bash (made by `notelint completion bash`)
_notelint() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local cmd="${{COMP_WORDS[1]}}" opts
    case "$prev" in
{values}
    esac
    if [ "$COMP_CWORD" -eq 1 ] && [[ "$cur" != -* ]]; then
        COMPREPLY=($(compgen -W "{" ".join(commands)}" -- "$cur")); return
    fi
    case "$cmd" in
{cases}
        *) opts="{check}" ;;  # `notelint [PATHS]` is `notelint check [PATHS]`
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _notelint notelint
"""


def zsh_script(parser: argparse.ArgumentParser) -> str:
    return (
        "#compdef notelint\n# notelint completion for zsh (made by `notelint completion zsh`)\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash_script(parser)
    )


def fish_script(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    choices = _choices(commands)
    lines = ["# notelint completion for fish (made by `notelint completion fish`)"]
    lines.append(f"complete -c notelint -n __fish_use_subcommand -a '{' '.join(commands)}'")
    for name, sub in commands.items():
        for option in _options(sub):
            values = choices.get(option)
            extra = f" -xa '{' '.join(values)}'" if values else ""
            condition = f"__fish_seen_subcommand_from {name}"
            if name == "check":
                others = " ".join(sorted(set(commands) - {name}))
                condition = f"not __fish_seen_subcommand_from {others}"
            lines.append(f"complete -c notelint -n '{condition}' -l {option[2:]}{extra}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from notelint.cli import build_parser

    parser = build_parser()
    script = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[args.shell](parser)
    sys.stdout.write(script)
    return EXIT_CLEAN
