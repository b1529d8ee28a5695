# Helpers for bench/NN-*.sh.
# median_time N CMD...: run CMD N times, print the median wall time in seconds.
median_time() {
	n=$1; shift
	i=0
	while [ $i -lt "$n" ]; do
		s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
		echo "$e - $s" | bc -l
		i=$((i + 1))
	done | sort -n | awk '{a[NR]=$1} END {printf "%.4f\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
# peak_kb CMD...: peak resident memory in KiB (GNU time).
peak_kb() {
	/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
}
