# JDK discovery for bin/maftia (sourced). find_jdk prints the home of a JDK >= REQUIRED_JAVA:
# JAVA_HOME when it is recent enough, else the newest under MAFTIA_JVM_DIR (default /usr/lib/jvm),
# else the one whose javac is on PATH; when none fits it says what to install and returns 2.

REQUIRED_JAVA="${REQUIRED_JAVA:-21}"

# Major version of the JDK at $1 (from its `release` file, else by asking its java), or 0.
jdk_major() {
  local home="$1" v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || { echo 0; return; }
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  v="${v#1.}"
  v="${v%%[.+-]*}"
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

find_jdk() {
  local candidates=() best="" best_v=0 home v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in "${MAFTIA_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$home" ] && [ ! -L "$home" ] && candidates+=("$home")
  done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  # JAVA_HOME wins when it is recent enough; otherwise the newest JDK found.
  if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_major "$JAVA_HOME")" -ge "$REQUIRED_JAVA" ]; then
    echo "$JAVA_HOME"; return
  fi
  for home in "${candidates[@]}"; do
    v=$(jdk_major "$home")
    if [ "$v" -ge "$REQUIRED_JAVA" ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    {
      echo "maftia: no JDK $REQUIRED_JAVA or newer found (looked at JAVA_HOME=${JAVA_HOME:-<unset>}, ${MAFTIA_JVM_DIR:-/usr/lib/jvm}/*, and javac on PATH)."
      echo "Install one, for example: apt-get install openjdk-21-jdk (Debian/Ubuntu), or Temurin 21+ from https://adoptium.net,"
      echo "then run again, or point JAVA_HOME at it."
    } >&2
    return 2
  fi
  echo "$best"
}

