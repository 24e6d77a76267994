package dev.kraft.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kraft completion bash|zsh|fish}: a small script per shell that asks kraft itself what
 * to offer ({@code kraft __complete}, {@link Completer}), so the three shells offer the same and
 * no script can drift from the commands. zsh's is native (compdef, _describe, _files).
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print a shell completion script.",
        footer = {
            "",
            "Examples:",
            "  source <(kraft completion bash)",
            "  kraft completion zsh > \"${fpath[1]}/_kraft\"",
            "  kraft completion fish > ~/.config/fish/completions/kraft.fish"
        })
final class CompletionCommand implements Callable<Integer> {
    /** The hidden command the scripts run: the words after {@code kraft}, the last the one to complete. */
    static final String COMPLETE = "__complete";

    private static final String BASH = """
            # kraft's completion for bash: kraft itself says what to offer (kraft __complete).
            _kraft() {
                local line="${COMP_LINE:0:COMP_POINT}" candidate files=0
                local -a words
                read -ra words <<< "$line"
                if [[ -z $line || $line == *[[:space:]] ]]; then words+=(""); fi
                # Readline replaces only the text after the last word-break character (= and :
                # among them), so each candidate loses what precedes that text in the word.
                local cur="${words[${#words[@]}-1]}" replaced="${line##*[${COMP_WORDBREAKS}]}"
                local skip=$(( ${#cur} - ${#replaced} ))
                (( skip < 0 )) && skip=0
                COMPREPLY=()
                local IFS=$'\\n'
                for candidate in $(kraft __complete "${words[@]:1}" 2>/dev/null); do
                    if [[ $candidate == :files ]]; then
                        files=1
                    else
                        candidate="${candidate%%$'\\t'*}"
                        COMPREPLY+=("${candidate:skip}")
                    fi
                done
                if (( files )); then
                    compopt -o filenames 2>/dev/null
                    COMPREPLY+=($(compgen -f -- "$replaced"))
                fi
            }
            complete -F _kraft kraft
            """;

    private static final String ZSH = """
            #compdef kraft
            # kraft's completion for zsh: kraft itself says what to offer (kraft __complete).
            _kraft() {
                local -a described
                local line value description files=0
                for line in "${(@f)$(kraft __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}"; do
                    [[ -z $line ]] && continue
                    if [[ $line == :files ]]; then
                        files=1
                        continue
                    fi
                    value=${line%%$'\\t'*}
                    description=${line#*$'\\t'}
                    [[ $description == $line ]] && description=
                    described+=("${value//:/\\\\:}${description:+:$description}")
                done
                (( ${#described} )) && _describe -t kraft kraft described
                if (( files )); then
                    # An option's value after '=': paths for the value alone.
                    [[ $PREFIX == -*=* ]] && compset -P '*='
                    _files
                fi
                return 0
            }
            if [[ $funcstack[1] == _kraft ]]; then
                _kraft "$@"
            else
                compdef _kraft kraft
            fi
            """;

    private static final String FISH = """
            # kraft's completion for fish: kraft itself says what to offer (kraft __complete).
            function __kraft_complete
                set -l words (commandline -opc)
                set -e words[1]
                set -l current (commandline -ct)
                set -l files 0
                for line in (kraft __complete $words "$current" 2>/dev/null)
                    if test "$line" = ":files"
                        set files 1
                    else
                        echo $line
                    end
                end
                if test $files = 1
                    # An option's value after '=': paths for the value, each with the option before it.
                    if string match -q -- '-*=*' $current
                        set -l option (string replace -r '=.*' '=' -- $current)
                        for path in (__fish_complete_path (string replace -r '^[^=]*=' '' -- $current))
                            echo $option$path
                        end
                    else
                        __fish_complete_path "$current"
                    end
                end
            end
            complete -c kraft -f -a '(__kraft_complete)'
            """;

    @Parameters(
            index = "0",
            paramLabel = "SHELL",
            completionCandidates = Choices.Shells.class,
            description = "bash, zsh or fish.")
    String shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        switch (shell) {
            case "bash" -> out.print(BASH);
            case "zsh" -> out.print(ZSH);
            case "fish" -> out.print(FISH);
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "SHELL " + shell + ": expected bash, zsh or fish");
        }
        out.flush();
        return 0;
    }
}
