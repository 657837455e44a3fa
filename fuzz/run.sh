#!/usr/bin/env bash
# Fuzzes one target for a bounded time: run.sh TARGET SEEDS DICT WORKDIR.
# Seconds: $FRONTLINE_FUZZ_SECONDS (default 60). New inputs go to WORKDIR/corpus (the seeds in
# the repository are only read), crashes, leaks, timeouts and excess memory to
# WORKDIR/artifacts; any of them fails the run.
set -euo pipefail
target=$1 seeds=$2 dict=$3 work=$4
seconds=${FRONTLINE_FUZZ_SECONDS:-60}
mkdir -p "$work/corpus" "$work/artifacts"
# Under the sanitizers one input of 64 KiB through the whole pipeline takes well under a second;
# 30 s for one is a hang worth keeping.
exec "$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
  -dict="$dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  "$work/corpus" "$seeds"
