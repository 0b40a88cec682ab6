/* simd_clones.h: compile a hot loop for several vector widths (internal).
 *
 * The engine is built for the baseline x86-64 (SSE2), so that it runs on any
 * CPU. Functions marked SIMD_CLONES are also compiled for AVX2 and AVX-512,
 * and the dynamic loader picks the widest the CPU supports when the library
 * loads (GNU ifunc, as glibc does for memcpy). The source is plain C, the
 * same for every width, and the baseline clone is the fallback on older
 * CPUs and other architectures.
 */
#ifndef EDCG_SIMD_CLONES_H
#define EDCG_SIMD_CLONES_H

#if defined(__x86_64__) && defined(__ELF__) && defined(__has_attribute) && \
    !defined(EDCG_NO_SIMD_CLONES)
#if __has_attribute(target_clones)
#define SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef SIMD_CLONES
#define SIMD_CLONES
#endif

#endif
