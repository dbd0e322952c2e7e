#!/usr/bin/env bash
# Builds the libFuzzer targets: the OpsMetrics library sources compiled once, with coverage
# instrumentation and AddressSanitizer, into a testable static library; then one executable per
# Fuzz/<Target>.swift entry file, linked with libFuzzer's main. The root Package.swift is untouched.
#
# Usage: Fuzz/build.sh [TARGET ...]      (default: every target)
# Output: $FUZZ_BUILD (default .build-fuzz/)/<Target>
# Exit status: 0 built; 1 a compile failed; 3 this toolchain cannot build fuzzers (no libFuzzer).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD="${FUZZ_BUILD:-.build-fuzz}"
ALL_TARGETS=(CSVTokenizer JSONScanner Timestamp TimeFormat EventFolding Presets Inspect Report Flow PartitionedRead StateFile)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

# FUZZ_SANITIZE=fuzzer builds without AddressSanitizer: 2-3 times the executions per second for
# long runs (Swift checks bounds itself; ASan adds checks of the few `unsafe` word loads and of the runtime).
SANITIZE="-sanitize=${FUZZ_SANITIZE:-fuzzer,address}"
LINKER=()
# lld links Swift + ASan without gold's "Cannot export local symbol" noise.
if command -v ld.lld >/dev/null 2>&1; then LINKER=(-use-ld=lld); fi
SWIFT_FLAGS=(-O -swift-version 6 -parse-as-library -g -package-name OpsMetrics)

mkdir -p "$BUILD/probe" "$BUILD/lib"

# Does this toolchain have libFuzzer? (Swift on Linux does; Xcode's toolchain does not.)
printf '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }\n' \
    > "$BUILD/probe/probe.swift"
if ! swiftc "$SANITIZE" "${LINKER[@]}" "${SWIFT_FLAGS[@]}" "$BUILD/probe/probe.swift" \
        -o "$BUILD/probe/probe" >"$BUILD/probe/log" 2>&1; then
    echo "fuzz: this toolchain cannot build with -sanitize=fuzzer (see $BUILD/probe/log)" >&2
    exit 3
fi

# The library, once: testable (the targets reach internal types), instrumented, sanitized.
LIBRARY_SOURCES=$(find Sources/OpsMetrics -name '*.swift' | sort)
STAMP="$BUILD/lib/sources.sha"
SUM=$( (cat $LIBRARY_SOURCES; echo "${SWIFT_FLAGS[*]} $SANITIZE") | sha256sum | cut -d' ' -f1)  # rebuild on change
if [ ! -f "$BUILD/lib/libOpsMetrics.a" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$SUM" ]; then
    echo "fuzz: building the library (instrumented, $SANITIZE)" >&2
    # shellcheck disable=SC2086
    swiftc -module-name OpsMetrics -emit-library -static -emit-module \
        -emit-module-path "$BUILD/lib/OpsMetrics.swiftmodule" -enable-testing -strict-memory-safety \
        "$SANITIZE" "${SWIFT_FLAGS[@]}" $LIBRARY_SOURCES -o "$BUILD/lib/libOpsMetrics.a"
    echo "$SUM" > "$STAMP"
fi

for target in "${TARGETS[@]}"; do
    if [ ! -f "Fuzz/$target.swift" ]; then
        echo "fuzz: no target '$target' (have: ${ALL_TARGETS[*]})" >&2
        exit 1
    fi
    # Flow checks the invariants the tests check, from the tests' own source.
    EXTRA=()
    [ "$target" = Flow ] && EXTRA=(Tests/OpsMetricsTests/Support/FlowInvariants.swift)
    echo "fuzz: building $target" >&2
    swiftc "$SANITIZE" "${LINKER[@]}" "${SWIFT_FLAGS[@]}" -I "$BUILD/lib" -L "$BUILD/lib" -lOpsMetrics \
        "Fuzz/$target.swift" Fuzz/Support/*.swift "${EXTRA[@]}" -o "$BUILD/$target"
done
