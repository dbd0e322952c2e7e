#!/usr/bin/env bash
# Builds the fuzz targets and runs each for SECONDS (default 30), one after the other.
#
# Usage: Fuzz/run.sh [SECONDS] [TARGET ...]     e.g. Fuzz/run.sh 30; Fuzz/run.sh 3600 Report
# Targets: CSVTokenizer JSONScanner Timestamp EventFolding Report PartitionedRead (default: all).
# Environment:
#   FUZZ_BUILD   build and work directory (default .build-fuzz)
#   FUZZ_RUNS    stop a target after this many executions (whichever comes first with SECONDS)
#   FUZZ_MAX_LEN longest input in bytes (default: 64 Timestamp, 1024 scanners, 4096 the others)
#   FUZZ_FLAGS   extra libFuzzer flags, e.g. "-jobs=2 -workers=2"
#   FUZZ_SKIP_IF_UNSUPPORTED=1   exit 0 with a message when the toolchain has no libFuzzer (CI)
#
# Seeds: built afresh from Fixtures/ (valid and invalid inputs) into $FUZZ_BUILD/seeds/<Target>;
# the fuzzer's own finds accumulate in $FUZZ_BUILD/corpus/<Target> (kept between runs, not in git).
# Crashes are saved as $FUZZ_BUILD/artifacts/<Target>/crash-*; turn each into a fixture or a test.
# Exit status: 0 no crash; 1 a target crashed or failed to build; 0 or 3 when unsupported (above).
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${1:-30}"
shift || true
ALL_TARGETS=(CSVTokenizer JSONScanner Timestamp EventFolding Report PartitionedRead)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")
BUILD="${FUZZ_BUILD:-.build-fuzz}"
export FUZZ_BUILD="$BUILD"

Fuzz/build.sh "${TARGETS[@]}"
status=$?
if [ $status -eq 3 ]; then
    if [ "${FUZZ_SKIP_IF_UNSUPPORTED:-0}" = 1 ]; then
        echo "fuzz: skipped: this Swift toolchain has no libFuzzer runtime (-sanitize=fuzzer)" >&2
        exit 0
    fi
    exit 3
elif [ $status -ne 0 ]; then
    exit 1
fi

# Seed corpora from the fixtures. The folding and report targets read an options byte first
# (see Fuzz/Support/FuzzSupport.swift): 0x00 CSV, 0x01 NDJSON, 0x02 JSON array, 0x04 lenient.
# PartitionedRead reads two (see Fuzz/PartitionedRead.swift): the same format and lenient bits plus
# the thread count, then the part size; its seeds use 2, 5 and 8 threads, parts of 1, 16 and 64 bytes.
seed() {  # seed TARGET NAME PREFIX-HEX FILE
    local dir="$BUILD/seeds/$1"
    mkdir -p "$dir"
    { printf "$3"; cat "$4"; } > "$dir/$2"
}
rm -rf "$BUILD/seeds"
for file in Fixtures/*/*; do
    name=$(basename "$file")
    case "$name" in
        *.expected.json|*.expected-error.txt) continue ;;
        *.csv|*.tsv) kind=0 ;;
        *.ndjson) kind=1 ;;
        *.json) kind=2 ;;
        *) continue ;;
    esac
    [ "${name##*.}" = tsv ] && kind=3
    if [ $kind = 0 ] || [ $kind = 3 ]; then
        seed CSVTokenizer "$name" '\x00\x00' "$file"
    else
        seed JSONScanner "$name" '\x00\x00' "$file"
    fi
    seed EventFolding "$name" "\\x0$kind" "$file"
    seed EventFolding "lenient-$name" "\\x0$((kind + 4))" "$file"
    seed Report "$name" "\\x0$kind\\x00" "$file"
    seed Report "window-$name" "\\x0$((kind + 4))\\x60" "$file"
    seed PartitionedRead "$name" "\\x0$kind\\x00" "$file"
    seed PartitionedRead "lenient-$name" "\\x$(printf %02x $((kind + 4 + (3 << 3))))\\x0f" "$file"
    seed PartitionedRead "limits-$name" "\\x$(printf %02x $((kind + 128 + (6 << 3))))\\x7f" "$file"
done
# Timestamps: every distinct time-like value in the fixtures, one per file.
mkdir -p "$BUILD/seeds/Timestamp"
grep -arhoE '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.,]+)?(Z|[+-][0-9:]+)?|-?[0-9]{9,17}(\.[0-9]+)?' Fixtures \
    | sort -u | head -500 | while IFS= read -r value; do
        printf '%s' "$value" > "$BUILD/seeds/Timestamp/$(printf '%s' "$value" | sha1sum | cut -c1-16)"
    done

failed=0
for target in "${TARGETS[@]}"; do
    case "$target" in
        Timestamp) max_len=64 ;;
        CSVTokenizer|JSONScanner) max_len=1024 ;;
        *) max_len=4096 ;;
    esac
    max_len="${FUZZ_MAX_LEN:-$max_len}"
    corpus="$BUILD/corpus/$target"
    artifacts="$BUILD/artifacts/$target"
    mkdir -p "$corpus" "$artifacts" "$BUILD/seeds/$target"
    runs=()
    [ -n "${FUZZ_RUNS:-}" ] && runs=(-runs="$FUZZ_RUNS")
    echo "== fuzz $target for ${SECONDS_EACH}s" >&2
    # shellcheck disable=SC2086
    # No leak detection: Swift's lazily initialised globals and metadata caches look like leaks.
    # No Swift backtracer: libFuzzer reports the crash, and ASan objects to the backtracer's reads.
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" SWIFT_BACKTRACE=enable=no "$BUILD/$target" -detect_leaks=0 -max_total_time="$SECONDS_EACH" "${runs[@]}" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -dict="Fuzz/$target.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 ${FUZZ_FLAGS:-} \
        "$corpus" "$BUILD/seeds/$target" > "$BUILD/$target.log" 2>&1
    code=$?
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|^Done' "$BUILD/$target.log" >&2
    if [ $code -ne 0 ]; then
        echo "fuzz: $target FAILED (exit $code); log: $BUILD/$target.log; inputs: $artifacts/" >&2
        grep -E 'violated|Fatal error|ERROR:' "$BUILD/$target.log" | head -5 >&2
        failed=1
    fi
done
exit $failed
