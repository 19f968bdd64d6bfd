/* bench/stream.c: STREAM-style triad a[i] = b[i] + s * c[i] with OpenMP.
 *
 *   stream [MiB_PER_ARRAY] [REPEATS]      (threads: OMP_NUM_THREADS, default all cores)
 *
 * Three arrays of MiB_PER_ARRAY each (default 1024 MiB: far larger than any cache), first
 * touched in parallel with the same static schedule as the kernel (so pages sit near the
 * threads that use them). The best of REPEATS (default 10) timed triads is reported, the
 * STREAM convention. Bytes counted per element: 24 (read b, read c, write a), i.e. the
 * write-allocate read of a is NOT counted, as in STREAM; the raw traffic is then 4/3 of
 * that. Output: one JSON line on stdout.
 *
 * Build: cc -O3 -march=native -fopenmp bench/stream.c -o stream
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static double now(void) { return omp_get_wtime(); }

int main(int argc, char** argv) {
  const double mib = argc > 1 ? atof(argv[1]) : 1024.0;
  const int repeats = argc > 2 ? atoi(argv[2]) : 10;
  const size_t n = (size_t)(mib * 1024.0 * 1024.0 / sizeof(double));
  double* a = (double*)aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
  double* b = (double*)aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
  double* c = (double*)aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
  if (!a || !b || !c) {
    fprintf(stderr, "stream: cannot allocate 3 x %.0f MiB\n", mib);
    return 1;
  }
  const double s = 3.0;
#pragma omp parallel for schedule(static)
  for (size_t i = 0; i < n; ++i) {
    a[i] = 0.0;
    b[i] = 1.0;
    c[i] = 2.0;
  }
  double best = 1e30, worst = 0, sum = 0;
  for (int r = 0; r < repeats; ++r) {
    const double t0 = now();
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
    const double t = now() - t0;
    if (r == 0) continue; /* first pass: warm-up (page faults, frequency) */
    if (t < best) best = t;
    if (t > worst) worst = t;
    sum += t;
  }
  /* Check the result so the loop is not optimised away. */
  double check = 0;
  for (size_t i = 0; i < n; i += 4096) check += a[i];
  const double expect = 7.0 * (double)((n + 4095) / 4096);
  if (check != expect) {
    fprintf(stderr, "stream: wrong result %g (expected %g)\n", check, expect);
    return 1;
  }
  const double bytes = 24.0 * (double)n;
  const int timed = repeats > 1 ? repeats - 1 : 1;
  printf("{\"kernel\": \"triad\", \"threads\": %d, \"mib_per_array\": %.0f, \"repeats\": %d, "
         "\"best_gb_s\": %.3f, \"mean_gb_s\": %.3f, \"worst_gb_s\": %.3f, "
         "\"bytes_per_element\": 24, \"write_allocate_counted\": false}\n",
         omp_get_max_threads(), mib, timed, bytes / best / 1e9, bytes / (sum / timed) / 1e9, bytes / worst / 1e9);
  free(a);
  free(b);
  free(c);
  return 0;
}
