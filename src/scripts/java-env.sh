# Sourced by the other scripts: finds a JDK >= 21 and exports JAVA_HOME, or fails with a clear message.
# Order: $JAVA_HOME, java on PATH, then every JDK under /usr/lib/jvm (newest first; SMTPSCOPE_JVM_DIR names
# another folder, which is how the tests show what happens on a machine without one).
smtpscope_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
smtpscope_find_jdk() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in $(ls -d "${SMTPSCOPE_JVM_DIR:-/usr/lib/jvm}"/*/ 2>/dev/null | sort -rV); do candidates+=("${dir%/}"); done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(smtpscope_java_major "$dir")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$dir"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "smtpscope: no JDK 21 or newer found (looked at \$JAVA_HOME, PATH and ${SMTPSCOPE_JVM_DIR:-/usr/lib/jvm})." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
smtpscope_find_jdk || exit 1
