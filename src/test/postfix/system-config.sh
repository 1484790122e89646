#!/usr/bin/env bash
# system-config.sh - proves that the test set-up and the suite leave the machine's own mail server alone.
#
#   system-config.sh snapshot FILE   write a manifest of everything under /etc/postfix and /etc/dovecot
#   system-config.sh verify FILE     exit 1, listing the differences, when anything there changed since
#
# One line per file, directory or symbolic link: its type, mode, owner:group and SHA-256 (or link target), so
# an edit, a new or removed file, a chmod or a chown all count. setup-postfix.sh takes the snapshot after installing
# packages (a fresh machine gets the packages' own configuration) and verifies at its end; src/scripts/test.sh
# verifies after all set-up scripts and again after the suite; SystemMailConfigTest verifies from JUnit.
# SMTPSCOPE_SYSTEM_CONFIG_DIRS (space-separated) replaces the two directories, for testing this script.
set -euo pipefail

DIRS=(${SMTPSCOPE_SYSTEM_CONFIG_DIRS:-/etc/postfix /etc/dovecot})

# One line per entry, sorted by path: "PATH<TAB>TYPE MODE OWNER:GROUP SHA256" (files), "... ->TARGET" (links),
# "... -" (directories). Two finds and one sha256sum, whatever the number of files.
manifest() {
  local dir
  for dir in "${DIRS[@]}"; do
    [[ -e $dir ]] || { printf '%s\tabsent\n' "$dir"; continue; }
    {
      find "$dir" -xdev -type f -print0 | xargs -0 -r sha256sum | sed 's/^\([0-9a-f]*\)  \(.*\)$/H\t\2\t\1/'
      find "$dir" -xdev \( -type f -o -type l -o -type d \) -printf 'M\t%p\t%y %m %u:%g ->%l\n'
    } | awk -F'\t' '$1 == "H" { hash[$2] = $3; next }
                    { meta = $3; if ($2 in hash) sub(/->$/, hash[$2], meta); else if (meta ~ / ->$/) sub(/->$/, "-", meta)
                      print $2 "\t" meta }' | LC_ALL=C sort
  done
}

usage() { echo "usage: $0 snapshot|verify FILE" >&2; exit 2; }
(($# == 2)) || usage
case $1 in
  snapshot)
    manifest > "$2.tmp"
    mv -f "$2.tmp" "$2"
    ;;
  verify)
    [[ -f $2 ]] || { echo "system-config: no manifest $2 (the set-up writes it)" >&2; exit 1; }
    if ! changes=$(diff <(cat "$2") <(manifest)); then
      {
        echo "system-config: *** the machine's own mail configuration CHANGED since $2 was written ***"
        echo "system-config: (< before, > now; the test set-up and the tests must never touch ${DIRS[*]})"
        sed 's/^/  /' <<<"$changes"
      } >&2
      exit 1
    fi
    echo "system-config: ${DIRS[*]} unchanged since $(stat -c %y "$2" | cut -d. -f1)"
    ;;
  *) usage ;;
esac
