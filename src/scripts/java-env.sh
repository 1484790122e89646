# Sourced by the other scripts: finds a JDK >= 21 and exports JAVA_HOME, or fails with a clear message.
# Order: $JAVA_HOME, java on PATH, then every JDK under /usr/lib/jvm (newest first; SMTPSCOPE_JVM_DIR names
# another folder, which is how the tests show what happens on a machine without one).
# The JDK's release file names its version without starting a JVM (which costs 0.1-0.5 s on every launch);
# a JDK without one is asked the slow way.
smtpscope_java_major() {
  local line
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=*) line=${line#JAVA_VERSION=}; echo "${line//\"/}"; return 0 ;;
      esac
    done < "$1/release"
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
# Names one JDK build exactly (path, vendor, runtime version), read from its release file without starting it:
# an AOT cache is only good for the JDK that wrote it. Sets SMTPSCOPE_JDK_ID.
smtpscope_jdk_id() {
  local line vendor="" version=""
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      case $line in
        IMPLEMENTOR=*) vendor=${line#IMPLEMENTOR=} ;;
        JAVA_RUNTIME_VERSION=*) version=${line#JAVA_RUNTIME_VERSION=} ;;
      esac
    done < "$1/release"
  fi
  SMTPSCOPE_JDK_ID="$1 ${vendor//\"/} ${version//\"/}"
}
# Tries the candidates in order and stops at the first that fits, with as few processes as it can: on a loaded
# machine every fork shows in the launcher's start-up.
smtpscope_jdk_fits() {
  local major
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(smtpscope_java_major "$1")
  [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null || return 1
  export JAVA_HOME="$1"
  export PATH="$JAVA_HOME/bin:$PATH"
  SMTPSCOPE_JAVA_MAJOR="${major%%.*}"
}
smtpscope_find_jdk() {
  local dir javac=""
  [ -n "${JAVA_HOME:-}" ] && smtpscope_jdk_fits "$JAVA_HOME" && return 0
  javac=$(type -P javac) && javac=$(readlink -f "$javac") && smtpscope_jdk_fits "${javac%/bin/javac}" && return 0
  for dir in $(ls -d "${SMTPSCOPE_JVM_DIR:-/usr/lib/jvm}"/*/ 2>/dev/null | sort -rV); do
    smtpscope_jdk_fits "${dir%/}" && return 0
  done
  echo "smtpscope: no JDK 21 or newer found (looked at \$JAVA_HOME, PATH and ${SMTPSCOPE_JVM_DIR:-/usr/lib/jvm})." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
smtpscope_find_jdk || exit 1
