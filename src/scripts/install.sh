#!/usr/bin/env bash
# Installs smtpscope under PREFIX (default ~/.local; /usr/local as root is usual):
#   PREFIX/bin/smtpscope                                  the launcher (finds a JDK 21+ like the build scripts)
#   PREFIX/share/smtpscope/smtpscope.jar, java-env.sh     what the launcher runs
#   PREFIX/share/smtpscope/smtpscope.aot                  JDK 25+: the AOT cache of start-up (src/scripts/aot-cache.sh)
#   PREFIX/share/man/man1/smtpscope*.1                    man pages (man smtpscope-scan)
#   PREFIX/share/bash-completion/completions/smtpscope    bash completion (zsh: see the last line printed)
# Builds first when target/ lacks the jar, the man pages or the completion. SMTPSCOPE_BUILD names another build
# folder (the tests install a stand-in build with it). Usage: bash src/scripts/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix="${1:-$HOME/.local}"
build="${SMTPSCOPE_BUILD:-target}"
source src/scripts/java-env.sh
if [ ! -f "$build/smtpscope.jar" ] || [ ! -d "$build/man" ] || [ ! -f "$build/completion/smtpscope.bash" ]; then
  echo "smtpscope: building the jar, man pages and completion first" >&2
  source src/scripts/maven-quiet.sh
  smtpscope_mvn_quiet -DskipTests package
fi
share="$prefix/share/smtpscope"
mkdir -p "$prefix/bin" "$share" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions"
install -m 644 "$build/smtpscope.jar" "$share/smtpscope.jar"
install -m 644 src/scripts/java-env.sh "$share/java-env.sh"
rm -f "$share/smtpscope.aot" "$share/smtpscope.aot.jdk"
install -m 755 bin/smtpscope "$prefix/bin/smtpscope"
install -m 644 "$build"/man/*.1 "$prefix/share/man/man1/"
install -m 644 "$build/completion/smtpscope.bash" "$prefix/share/bash-completion/completions/smtpscope"
# The JDK 25 AOT cache for the installed jar (start-up; a training run of the demo, ~10-40 s; SMTPSCOPE_AOT=0
# skips it). It names the JDK that wrote it: after a JDK upgrade the launcher leaves it out until reinstalled.
if [ "${SMTPSCOPE_AOT:-1}" != 0 ]; then
  bash src/scripts/aot-cache.sh "$share/smtpscope.jar" || true
fi
echo "installed smtpscope in $prefix: $prefix/bin/smtpscope, man smtpscope, bash completion"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH, e.g. in ~/.bashrc: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
echo "zsh: add to ~/.zshrc: source $prefix/share/bash-completion/completions/smtpscope"
