#!/bin/sh
# make fuzz: build every fuzz/fuzz_*.c with clang + libFuzzer (ASan, UBSan)
# against the library objects and run each for FUZZ_SECONDS (default 60)
# from its seed corpus fuzz/corpus/NAME/.
cd "$(dirname "$0")/.." || exit 2
SECONDS_EACH=${FUZZ_SECONDS:-60}
B=${B:-build}
F=$B/fuzz
command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
PKGS="harfbuzz harfbuzz-subset icu-uc icu-i18n yaml-0.1 fontconfig libpng zlib"
CF="-std=c17 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer-no-link,address,undefined $(pkg-config --cflags $PKGS)"
mkdir -p $F/obj
for c in src/*.c; do
	[ "$c" = src/main.c ] && continue
	o=$F/obj/$(basename "$c" .c).o
	[ "$o" -nt "$c" ] || clang $CF -c -o "$o" "$c" || exit 1
done
status=0
for f in fuzz/fuzz_*.c; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .c)
	clang $CF -fsanitize=fuzzer -Isrc -o $F/$name "$f" $F/obj/*.o \
		$(pkg-config --libs $PKGS) -lhpdf -lcsv -lm || exit 1
	mkdir -p $F/corpus-$name
	echo "== $name: ${SECONDS_EACH}s"
	$F/$name -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
		$F/corpus-$name fuzz/corpus/${name#fuzz_} 2>&1 | tail -12 || status=1
done
exit $status
