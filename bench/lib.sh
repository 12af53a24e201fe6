# Sourced by the bench scripts (from the repository root): the helpers every script prints its figures with, so
# that all of them report medians and name the machine the same way.

# median X...: the median of the numbers given (words are split on blanks, so one string of several works too)
median() {
  # shellcheck disable=SC2048,SC2086
  printf '%s\n' $* | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# machine: the "machine:" line docs/benchmarks.md records with each figure (cores, CPU, load, UTC time); the load
# matters on a shared machine, where every timing moves with it
machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
}
