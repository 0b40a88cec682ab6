/* The PNG chunk walker (cli/png_chunks.c) and the fix-up built on it
 * (cli/png_fixup.c): a well-formed file walks to IEND; every cut of it, a
 * length past the end and a length over 2^31 stop the walk; the fix-up sets
 * gAMA with a correct CRC, drops bKGD, keeps every other chunk byte for byte,
 * and leaves a malformed file as it was. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byte_order.h"
#include "check.h"
#include "png_chunks.h"
#include "png_fixup.h"


/* zlib's CRC-32, written out here so the test does not share the code it checks. */
static uint32_t crc32_ref(const unsigned char *p, size_t n)
{
    uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static size_t chunk(unsigned char *out, const char *type, const void *data, size_t n)
{
    store_be32(out, (uint32_t)n);
    memcpy(out + 4, type, 4);
    memcpy(out + 8, data, n);
    store_be32(out + 8 + n, crc32_ref(out + 4, 4 + n));
    return 12 + n;
}

/* Signature, IHDR, gAMA 2.2 (GEGL's mistake), bKGD, IDAT, tEXt, IEND. */
static size_t sample(unsigned char *f)
{
    static const unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
    static const unsigned char gama[4] = {0, 3, 0x5b, 0x60}; /* 220000 */
    static const unsigned char bkgd[6] = {0x12, 0x34, 0, 0, 0, 0};
    static const unsigned char idat[12] = {0x78, 0x9c, 0x63, 0x60, 0x60, 0x60,
                                           0, 0, 0, 4, 0, 1};
    size_t n = PNG_SIGNATURE_SIZE;
    memcpy(f, PNG_SIGNATURE, n);
    n += chunk(f + n, "IHDR", ihdr, sizeof ihdr);
    n += chunk(f + n, "gAMA", gama, sizeof gama);
    n += chunk(f + n, "bKGD", bkgd, sizeof bkgd);
    n += chunk(f + n, "IDAT", idat, sizeof idat);
    n += chunk(f + n, "tEXt", "k\0v", 3);
    n += chunk(f + n, "IEND", "", 0);
    return n;
}

/* The chunk types walked in `file`, concatenated; whether IEND was reached. */
static int walk(const unsigned char *file, size_t n, char *types, size_t size)
{
    FILE *f = fmemopen((void *)file, n ? n : 1, "rb");
    long length;
    png_chunk c;
    int ended = 0;
    types[0] = '\0';
    if (n && png_chunks_begin(f, &length) == 0)
        while (!ended && png_chunk_next(f, length, &c)) {
            strncat(types, c.type, 4 < size - strlen(types) - 1 ? 4 : size - strlen(types) - 1);
            ended = png_chunk_is(&c, "IEND");
            if (png_chunk_skip(f, &c))
                break;
        }
    fclose(f);
    return ended;
}

static void check_walk(void)
{
    unsigned char file[512];
    char types[64];
    const size_t n = sample(file);
    CHECK_MSG(walk(file, n, types, sizeof types), "the whole file did not walk to IEND");
    CHECK_MSG(strcmp(types, "IHDRgAMAbKGDIDATtEXtIEND") == 0, "walked %s", types);
    for (size_t cut = 0; cut < n; cut++)
        CHECK_MSG(!walk(file, cut, types, sizeof types), "a file cut at %zu walked to IEND", cut);

    unsigned char bad[512];
    memcpy(bad, file, n);
    store_be32(bad + 8 + 25 + 16, 4000); /* bKGD's length, past the end */
    CHECK_MSG(!walk(bad, n, types, sizeof types), "a length past the end walked to IEND");
    CHECK_MSG(strcmp(types, "IHDRgAMA") == 0, "a length past the end walked %s", types);
    store_be32(bad + 8 + 25 + 16, 0xfffffff0u);
    CHECK_MSG(!walk(bad, n, types, sizeof types), "a length over 2^31 walked to IEND");
    memcpy(bad, file, n);
    bad[1] = 'X';
    CHECK_MSG(!walk(bad, n, types, sizeof types) && !types[0], "a wrong signature was walked");
}

static unsigned char *slurp(const char *path, size_t *n)
{
    static unsigned char buf[1024];
    FILE *f = fopen(path, "rb");
    *n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    return buf;
}

static void spit(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, n, f);
    fclose(f);
}

static void check_fixup(void)
{
    char path[] = "/tmp/edcg-png-chunks-XXXXXX";
    const int fd = mkstemp(path);
    CHECK_MSG(fd >= 0, "mkstemp");
    if (fd < 0)
        return;
    close(fd);
    unsigned char file[512], want[512];
    char why[256];
    const size_t n = sample(file);

    /* Expected: the same chunks with gAMA 45455 (its CRC recomputed) and no bKGD. */
    const size_t ihdr_end = 8 + 25, gama_end = ihdr_end + 16, bkgd_end = gama_end + 18;
    memcpy(want, file, ihdr_end);
    size_t m = ihdr_end;
    unsigned char g[4];
    store_be32(g, 45455);
    m += chunk(want + m, "gAMA", g, 4);
    memcpy(want + m, file + bkgd_end, n - bkgd_end);
    m += n - bkgd_end;

    spit(path, file, n);
    CHECK_MSG(png_fixup(path, 45455, why, sizeof why) == 0, "fix-up failed: %s", why);
    size_t got_n;
    const unsigned char *got = slurp(path, &got_n);
    CHECK_MSG(got_n == m && memcmp(got, want, m) == 0, "fixed file differs (%zu bytes, want %zu)",
          got_n, m);

    /* gama 0: gAMA removed too. */
    spit(path, file, n);
    CHECK_MSG(png_fixup(path, 0, why, sizeof why) == 0, "fix-up without gAMA failed: %s", why);
    got = slurp(path, &got_n);
    CHECK_MSG(got_n == n - 16 - 18 && memcmp(got, file, ihdr_end) == 0 &&
              memcmp(got + ihdr_end, file + bkgd_end, n - bkgd_end) == 0,
          "gAMA or bKGD left in, or another chunk changed");

    /* A cut file is refused and left as it was. */
    spit(path, file, n - 5);
    CHECK_MSG(png_fixup(path, 45455, why, sizeof why) != 0, "a cut PNG was rewritten");
    CHECK_MSG(strstr(why, "malformed") != NULL, "reason: %s", why);
    got = slurp(path, &got_n);
    CHECK_MSG(got_n == n - 5 && memcmp(got, file, n - 5) == 0, "a cut PNG was modified");
    unlink(path);
}

int main(void)
{
    check_walk();
    check_fixup();
    if (check_failures)
        fprintf(stderr, "%d check(s) failed\n", check_failures);
    TEST_EXIT();
}
