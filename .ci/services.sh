#!/usr/bin/env bash
# Start the real services the integration tests use, on loopback only:
#   - an Oxigraph server (pip package "oxigraph"), in memory, on 127.0.0.1:7878
#   - Virtuoso 7 (Debian package), on its own throw-away database, HTTP 127.0.0.1:8890
#   - headless Chromium comes from Debian's "chromium" package (used by the page tests)
# Sourced by .ci/run; exports PLANKG_TEST_OXIGRAPH, PLANKG_TEST_VIRTUOSO, PLANKG_TEST_CHROMIUM.
set -euo pipefail

services_dir="$(mktemp -d)"

if ! command -v virtuoso-t >/dev/null || ! command -v chromium >/dev/null || ! command -v soffice >/dev/null \
   || ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null; then
  apt-get update -qq
  # LibreOffice, Tesseract (Vietnamese) and poppler make and read the format fixtures
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    virtuoso-opensource chromium fonts-dejavu-core \
    libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie poppler-utils antiword >/dev/null
fi
python -m pip install --quiet "oxigraph>=0.5"

# Oxigraph
oxigraph serve --bind 127.0.0.1:7878 >"$services_dir/oxigraph.log" 2>&1 &
echo $! >"$services_dir/oxigraph.pid"

# Virtuoso: its own ini and database folder, ports bound to 127.0.0.1
cat >"$services_dir/virtuoso.ini" <<INI
[Database]
DatabaseFile=$services_dir/virtuoso.db
ErrorLogFile=$services_dir/virtuoso.log
LockFile=$services_dir/virtuoso.lck
TransactionFile=$services_dir/virtuoso.trx
xa_persistent_file=$services_dir/virtuoso.pxa
TempStorage=TempDatabase
[TempDatabase]
DatabaseFile=$services_dir/virtuoso-temp.db
TransactionFile=$services_dir/virtuoso-temp.trx
[Parameters]
ServerPort=127.0.0.1:1111
DisableUnixSocket=1
DirsAllowed=., $services_dir
NumberOfBuffers=170000
MaxDirtyBuffers=130000
[HTTPServer]
ServerPort=127.0.0.1:8890
ServerRoot=/var/lib/virtuoso-opensource-7/vsp
Charset=UTF-8
[SPARQL]
ResultSetMaxRows=1000000
MaxQueryExecutionTime=120
INI
(cd "$services_dir" && virtuoso-t +wait +configfile "$services_dir/virtuoso.ini")

for _ in $(seq 1 50); do
  curl -sf 'http://127.0.0.1:7878/query?query=ASK%7B%7D' >/dev/null && break
  sleep 0.2
done

export PLANKG_TEST_OXIGRAPH="http://127.0.0.1:7878/query"
export PLANKG_TEST_VIRTUOSO="http://127.0.0.1:8890/sparql"
export PLANKG_TEST_VIRTUOSO_USER="dba" PLANKG_TEST_VIRTUOSO_PASSWORD="dba"
export PLANKG_TEST_CHROMIUM="$(command -v chromium)"
export PLANKG_SERVICES_DIR="$services_dir"
