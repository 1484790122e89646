# Sourced after java-env.sh: smtpscope_mvn_quiet ARGS... runs Maven without the noise a user should not see.
# JDK 24+ prints sun.misc.Unsafe warnings for Maven's own Guava (JEP 471): allowed explicitly, only where the
# flag exists (JDK 21 refuses unknown options). Maven 3.8 -q still prints bare colour resets (ESC[0m) even in
# batch mode: they are stripped, and whatever text remains (a real error) is shown.
smtpscope_mvn_quiet() {
  local major
  major=$(smtpscope_java_major "$JAVA_HOME")
  if [ "${major%%.*}" -ge 24 ] 2>/dev/null; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  mvn -q -B -Dstyle.color=never "$@" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' | { grep -v '^[[:space:]]*$' || true; } >&2
}
