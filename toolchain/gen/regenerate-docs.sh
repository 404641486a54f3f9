#!/usr/bin/env bash
# Writes the files made from the tables of settings and commands (checked by
# tests/cli/test_generated.sh). $1: the ticker program of a build.
set -euo pipefail
ticker=$1
cd "$(dirname "$0")/../.."
"$ticker" generate ini >assets/ticker.ini
"$ticker" generate reference >docs/configuration.md
"$ticker" generate man5 >packaging/ticker.ini.5
"$ticker" generate man1 <packaging/ticker.1.in >packaging/ticker.1
"$ticker" generate completion >packaging/ticker.bash-completion
