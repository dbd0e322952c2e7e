#!/usr/bin/env bash
# Builds the fuzz targets and runs each for SECONDS (default 30), one after the other.
#
# Usage: Fuzz/run.sh [SECONDS] [TARGET ...]     e.g. Fuzz/run.sh 30; Fuzz/run.sh 3600 Report
# Targets: CSVTokenizer JSONScanner Timestamp TimeFormat EventFolding Presets Inspect Report Flow
# PartitionedRead StateFile (default: all).
# Environment:
#   FUZZ_BUILD   build and work directory (default .build-fuzz)
#   FUZZ_RUNS    stop a target after this many executions (whichever comes first with SECONDS)
#   FUZZ_MAX_LEN longest input in bytes (default: 64 Timestamp, 128 TimeFormat, 1024 scanners, 4096 the others)
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
ALL_TARGETS=(CSVTokenizer JSONScanner Timestamp TimeFormat EventFolding Presets Inspect Report Flow PartitionedRead StateFile)
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
    seed Presets "$name" "\\x0$kind\\x00" "$file"
    seed Presets "status-$name" "\\x0$((kind + 4))\\x10" "$file"
    seed Inspect "$name" "\\x0$kind\\x00" "$file"
    seed Inspect "half-$name" "\\x0$kind\\x10" "$file"
    seed Flow "$name" "\\x0$kind\\x00" "$file"
    seed Flow "month-$name" "\\x0$((kind + 4))\\x42" "$file"
    seed Flow "stages-$name" "\\x0$kind\\x80New,Active=Active|In Progress,Awaiting=Awaiting*,Resolved,Closed\\n" "$file"
    seed PartitionedRead "$name" "\\x0$kind\\x00" "$file"
    seed PartitionedRead "lenient-$name" "\\x$(printf %02x $((kind + 4 + (3 << 3))))\\x0f" "$file"
    seed PartitionedRead "limits-$name" "\\x$(printf %02x $((kind + 128 + (6 << 3))))\\x7f" "$file"
    [ $kind = 0 ] && seed StateFile "$name" '\x02' "$file"
done
# Timestamps: every distinct time-like value in the fixtures, one per file.
mkdir -p "$BUILD/seeds/Timestamp"
grep -arhoE '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.,]+)?(Z|[+-][0-9:]+)?|-?[0-9]{9,17}(\.[0-9]+)?' Fixtures \
    | sort -u | head -500 | while IFS= read -r value; do
        printf '%s' "$value" > "$BUILD/seeds/Timestamp/$(printf '%s' "$value" | sha1sum | cut -c1-16)"
    done

# Time layouts: a pattern and a value (read any value: 0x02; round trip: 0x00, the value's bytes
# then seed the time written), and columns of values for detection (0x03).
mkdir -p "$BUILD/seeds/TimeFormat"
n=0
while IFS='|' read -r pattern value; do
    n=$((n + 1))
    printf '\x02%s\n%s' "$pattern" "$value" > "$BUILD/seeds/TimeFormat/value-$n"
    printf '\x00%s\n%s' "$pattern" "$value" > "$BUILD/seeds/TimeFormat/trip-$n"
done <<'LAYOUTS'
d/M/yyyy H:mm|29/2/2016 01:16
dd/MM/yyyy HH:mm:ss|01/03/2024 13:05:09
d/MMM/yy h:mm a|12/Mar/24 3:45 PM
M/d/yyyy h:mm a|3/14/2024 2:05 PM
yyyy-MM-dd'T'HH:mm:ss.SSSXXX|2024-03-01T12:00:00.123+05:30
MMMM d, yyyy|September 3, 2024
yyyy-MM-dd[ HH:mm[:ss]]|2024-03-01 12:00
dd.MM.yy HH:mm Z|01.03.24 12:00 +0100
yyyyMMddHHmmss|20240301120000
LAYOUTS
printf '\x03\n29/2/2016 01:16\n1/3/2016 9:05\n' > "$BUILD/seeds/TimeFormat/detect-1"
printf '\x03\n3/14/2024 2:05 PM\n3/1/2024 9:00 AM\n' > "$BUILD/seeds/TimeFormat/detect-2"
printf '\x03\n5/3/2016\n6/3/2016\n' > "$BUILD/seeds/TimeFormat/detect-3"
printf '\x03\n2024-03-01T12:00:00Z\n1714557600\n12/Mar/24 3:45 PM\n' > "$BUILD/seeds/TimeFormat/detect-4"

failed=0
for target in "${TARGETS[@]}"; do
    case "$target" in
        Timestamp) max_len=64 ;;
        TimeFormat) max_len=128 ;;
        CSVTokenizer|JSONScanner) max_len=1024 ;;
        *) max_len=4096 ;;
    esac
    max_len="${FUZZ_MAX_LEN:-$max_len}"
    dict="Fuzz/$target.dict"
    [ "$target" = Inspect ] && dict=Fuzz/Presets.dict  # the same exports
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
        -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 ${FUZZ_FLAGS:-} \
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
