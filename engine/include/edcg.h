/* edcg.h: the public API of the ED-CycleGAN engine.
 *
 * A plain C11 library: no GLib, GEGL or GIMP. Every function that can fail
 * returns an edcg_status and, when it fails, fills an edcg_error the caller
 * owns (it may be NULL). The engine never prints, exits or aborts on bad input.
 *
 * Memory: every *_new / *_load has a matching *_free. Pointers passed in are
 * borrowed for the duration of the call unless a comment says otherwise.
 * Strings returned by the engine are owned by the object they come from and
 * stay valid until that object is freed or the same key is set again.
 */
#ifndef EDCG_H
#define EDCG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EDCG_FORMAT_VERSION 1

typedef enum edcg_status {
    EDCG_OK = 0,
    EDCG_ERR_INVALID = 1,   /* bad argument or inconsistent configuration */
    EDCG_ERR_NOMEM = 2,     /* allocation failed or a size limit was exceeded */
    EDCG_ERR_IO = 3,        /* reading or writing a file failed */
    EDCG_ERR_FORMAT = 4,    /* a file is malformed, truncated or for another model */
    EDCG_ERR_CANCELLED = 5, /* the caller's cancel flag was raised */
    EDCG_ERR_RUNTIME = 6    /* BLAS could not be loaded, or similar */
} edcg_status;

/* One line, no trailing newline, naming the file or argument at fault. */
typedef struct edcg_error {
    char message[512];
} edcg_error;

/* ---- Architecture ------------------------------------------------------ */

typedef enum edcg_variant {
    EDCG_VARIANT_ED = 0,       /* the paper's model: frozen shared encoder, cycle adds s_edge */
    EDCG_VARIANT_ED_TEDGE = 1, /* as ED, but the cycle adds t_edge of the fake (Table 2 row 2) */
    EDCG_VARIANT_CYCLEGAN = 2, /* plain CycleGAN: no ED-Block, each generator trains its encoder */
    EDCG_VARIANT_SKIP = 3      /* CycleGAN with additive encoder-decoder skip connections */
} edcg_variant;

typedef struct edcg_arch {
    edcg_variant variant;
    int ngf;    /* generator width: channels of the first conv (paper: 64) */
    int ndf;    /* discriminator width (paper: 64) */
    int blocks; /* residual blocks in each generator (paper: 9) */
} edcg_arch;

/* The paper's architecture: ED variant, ngf 64, ndf 64, 9 blocks. */
void edcg_arch_default(edcg_arch *arch);
edcg_status edcg_arch_validate(const edcg_arch *arch, edcg_error *err);
const char *edcg_variant_name(edcg_variant v);               /* "ed", "ed-tedge", ... */
edcg_status edcg_variant_parse(const char *name, edcg_variant *out);

typedef struct edcg_param_counts {
    int64_t encoder;        /* c7s1, c3s2, c3s2 */
    int64_t ed_block;       /* encoder + ED decoder (0 for cyclegan/skip) */
    int64_t generator;      /* one generator, its encoder included */
    int64_t discriminator;  /* one discriminator */
    int64_t cyclegan_total; /* 2 generators + 2 discriminators */
    int64_t trainable;      /* cyclegan_total minus frozen encoders (ED variants) */
} edcg_param_counts;

/* Paper Table 1 for the default architecture. */
edcg_status edcg_arch_param_counts(const edcg_arch *arch, edcg_param_counts *out,
                                   edcg_error *err);

/* ---- Models ------------------------------------------------------------ */

/* A domain pair: (shared encoder + ED decoder), generators A->B and B->A,
 * and, when present, discriminators D_A and D_B. */
typedef struct edcg_model edcg_model;

/* Fresh weights N(0, 0.02), biases 0, deterministic for a seed. */
edcg_model *edcg_model_new(const edcg_arch *arch, uint64_t seed, edcg_error *err);
void edcg_model_free(edcg_model *model);
const edcg_arch *edcg_model_arch(const edcg_model *model);
/* 1 when the discriminators are present (always after _new; after _load only
 * when the file held them). */
int edcg_model_has_discriminators(const edcg_model *model);

/* Metadata: string key/value pairs saved in safetensors' __metadata__.
 * set copies both strings; a NULL value removes the key. */
edcg_status edcg_model_set_meta(edcg_model *model, const char *key, const char *value,
                                edcg_error *err);
const char *edcg_model_get_meta(const edcg_model *model, const char *key); /* NULL if absent */
/* The name of domain A (domain 0) or B (1): the metadata's domain_a or
 * domain_b, or "a" / "b" when the file names none. Owned by the model. */
const char *edcg_model_domain(const edcg_model *model, int domain);
size_t edcg_model_meta_count(const edcg_model *model);
/* i < meta_count; key and value are owned by the model. */
void edcg_model_meta_at(const edcg_model *model, size_t i, const char **key, const char **value);

typedef enum edcg_dtype { EDCG_DTYPE_F32 = 0, EDCG_DTYPE_F16 = 1, EDCG_DTYPE_BF16 = 2 } edcg_dtype;

typedef struct edcg_save_options {
    edcg_dtype dtype;             /* storage type; computation is always F32 */
    int include_discriminators;   /* 1 keeps D_A and D_B (for fine-tuning) */
} edcg_save_options;

/* Writes a temporary file beside `path` and renames it over `path`, so a
 * crash never leaves a half-written model. The architecture and format
 * version are written to the metadata automatically. */
edcg_status edcg_model_save(const edcg_model *model, const char *path,
                            const edcg_save_options *options, edcg_error *err);

/* Validates the whole file (header, dtypes, shapes, offsets, tensor set)
 * before reading any weight. Never crashes on hostile input. Also reads the
 * model inside a training checkpoint (edcg_trainer_save), ignoring the
 * optimizer state, so a running training can be tried or exported. */
edcg_model *edcg_model_load(const char *path, edcg_error *err);

/* Tensor names and metadata keys of the weight file, in the order they are
 * written (documented in docs/weights-format.md). */
size_t edcg_model_tensor_count(const edcg_model *model);
/* name: owned by the model; shape: up to 4 dims; returns the number of dims. */
int edcg_model_tensor_at(const edcg_model *model, size_t i, const char **name, int64_t shape[4]);

/* ---- Inference --------------------------------------------------------- */

typedef enum edcg_direction { EDCG_A_TO_B = 0, EDCG_B_TO_A = 1 } edcg_direction;

/* Returns 0 to continue, nonzero to cancel. fraction is in [0, 1]. */
typedef int (*edcg_progress_fn)(void *user_data, double fraction);

/* A borrowed view of interleaved float pixels in [0, 1], non-linear sRGB. */
typedef struct edcg_image {
    float *pixels;      /* R of the top-left pixel */
    int width, height;
    int channels;       /* floats per pixel, >= 3; only the first three are used */
    size_t row_stride;  /* floats from one row to the next, >= width * channels */
} edcg_image;

typedef struct edcg_translate_options {
    float edge_strength;        /* k in G(s) + k * s_edge, 0..2; 1 is the paper's model */
    float strength;             /* 0..1: blend of the translation over the original (1: all) */
    int work_size;              /* longest side the network runs at; larger images are
                                   translated at that size and their full-resolution
                                   detail added back. 0: full resolution.
                                   EDCG_WORK_SIZE_AUTO: edcg_model_default_work_size. */
    int threads;                /* 0: one per core */
    edcg_progress_fn progress;  /* may be NULL */
    void *progress_data;
    const volatile int *cancel; /* may be NULL; nonzero stops with EDCG_ERR_CANCELLED */
    size_t memory_limit;        /* bytes of working memory a translation may use; above it
                                   edcg_translate fails with EDCG_ERR_NOMEM before starting
                                   (a clear error instead of an out-of-memory kill).
                                   0: half the machine's RAM. Full resolution needs about
                                   0.6 GiB per megapixel (see bench/README.md). */
} edcg_translate_options;

#define EDCG_WORK_SIZE_AUTO (-1)

/* edge_strength 1, strength 1, work_size EDCG_WORK_SIZE_AUTO, all cores,
 * memory_limit 0 (half the RAM). */
void edcg_translate_options_init(edcg_translate_options *options);

/* The working resolution that suits a model: a few times its training crop
 * size (metadata train_size), so textures keep the scale it learnt. */
int edcg_model_default_work_size(const edcg_model *model);

/* "a2b", "b2a", or a domain name meaning "translate into that domain"
 * (case-insensitive): "orange" on an apple/orange model is a2b. */
edcg_status edcg_direction_parse(const edcg_model *model, const char *text,
                                 edcg_direction *out, edcg_error *err);
/* The same rule from the two domain names alone (either may be NULL), for
 * callers that list models without loading them (edcg_model_entry). */
edcg_status edcg_direction_parse_names(const char *domain_a, const char *domain_b,
                                       const char *text, edcg_direction *out, edcg_error *err);

/* Translates src into dst (same width and height; may be the same buffer).
 * Only the first three channels of dst are written, clamped to [0, 1].
 * Any width and height >= 1. On failure or cancel dst is left untouched. */
edcg_status edcg_translate(const edcg_model *model, edcg_direction direction,
                           const edcg_image *src, const edcg_image *dst,
                           const edcg_translate_options *options, edcg_error *err);

/* The paper's cycle-consistent reconstruction s'' (Eq. 4), for evaluation
 * (Tables 2-4): ed: G_ts(G_st(s) + s_edge) + s_edge; ed-tedge: the fake's
 * own edge map instead of s_edge; cyclegan/skip: G_ts(G_st(s)). Always at
 * full resolution, clamped to [0, 1] at the end only; strength and
 * work_size are ignored, progress and cancel work as in edcg_translate. */
edcg_status edcg_cycle(const edcg_model *model, edcg_direction direction,
                       const edcg_image *src, const edcg_image *dst,
                       const edcg_translate_options *options, edcg_error *err);

/* Bytes of working memory edcg_translate needs for a width x height image
 * (for callers that want to refuse an image before starting), with the
 * default options (working resolution from the model). */
size_t edcg_translate_memory(const edcg_model *model, int width, int height);
/* The same for given options (their work_size); options may be NULL. */
size_t edcg_translate_memory_with(const edcg_model *model, int width, int height,
                                  const edcg_translate_options *options);

/* ---- Installed models -------------------------------------------------- */

/* The folders searched for installed models, in order: each entry of
 * $EDCG_MODEL_PATH (':'-separated), the user's data folder
 * ($XDG_DATA_HOME or ~/.local/share, + "/edcyclegan/models"), then the
 * system folder given at build time ($EDCG_SYSTEM_MODEL_DIR overrides it). Writes up to `max` malloc'ed strings
 * to dirs (caller frees each) and returns how many. */
size_t edcg_model_search_dirs(char **dirs, size_t max);

/* The user's data folder where `edcg train` writes new models by default
 * (malloc'ed; NULL without HOME or XDG_DATA_HOME). */
char *edcg_user_model_dir(void);

/* Resolves a model given as a path (contains '/' or ends in .safetensors)
 * or as an installed name ("apple2orange" finds apple2orange.safetensors
 * on the search path). Returns a malloc'ed path, or NULL with err set. */
char *edcg_model_resolve(const char *name_or_path, edcg_error *err);

typedef struct edcg_model_entry {
    char *name;     /* file name without .safetensors */
    char *path;
    char *domain_a, *domain_b; /* from metadata; "a"/"b" when absent */
} edcg_model_entry;

/* Every readable model on the search path (the first of equal names wins),
 * sorted by name. Unreadable files are skipped. Free with
 * edcg_model_list_free. Returns the count; *out is NULL when none. */
size_t edcg_model_list(edcg_model_entry **out);
void edcg_model_list_free(edcg_model_entry *entries, size_t count);

/* ---- Training ---------------------------------------------------------- */

typedef enum edcg_gan_loss {
    EDCG_GAN_LSGAN = 0, /* least squares, the official CycleGAN default */
    EDCG_GAN_LOG = 1    /* the paper's Eq. 3: binary cross-entropy on logits */
} edcg_gan_loss;

typedef struct edcg_train_config {
    float lr;           /* 2e-4 */
    float beta1, beta2; /* 0.5, 0.999 */
    float lambda_cyc;   /* 10 (Eq. 6) */
    /* Identity term, as in CycleGAN's reference code (which uses 0.5): each
     * generator, given a real image t of its own target domain, should give
     * t back: lambda_identity * lambda_cyc * |G_st(t) + t_edge - t| (the ED
     * variants add t_edge = t - ED(t) as to every output). 0, the paper's
     * Eq. 6, leaves it out. */
    float lambda_identity;
    edcg_gan_loss gan_loss;
    int pool_size;      /* 50 fakes per domain */
    int ed_epochs;      /* phase 1 length, for its learning-rate schedule (paper: 200) */
    int epochs;         /* phase 2 length (paper: 200) */
    uint64_t seed;      /* image pool choices */
    int threads;        /* 0: one per core */
} edcg_train_config;

void edcg_train_config_default(edcg_train_config *config);

/* A batch of n images, planar NCHW (n x 3 x h x w), values in [-1, 1].
 * h and w must be multiples of 4. */
typedef struct edcg_batch {
    const float *data;
    int n, h, w;
} edcg_batch;

typedef struct edcg_ed_losses {
    float recover; /* Eq. 1, mean absolute error per pixel */
} edcg_ed_losses;

typedef struct edcg_gan_losses {
    float g_adv_a2b, g_adv_b2a; /* generators' adversarial terms */
    float cyc_a, cyc_b;         /* Eq. 5, before lambda */
    float idt_a2b, idt_b2a;     /* identity terms before their weights (0 when off) */
    float g_total;              /* Eq. 6 */
    float d_a, d_b;             /* discriminators' losses (halved, CycleGAN convention) */
} edcg_gan_losses;

/* Adam state, schedule and image pools for one model. The trainer borrows
 * the model, which must outlive it and must hold discriminators. */
typedef struct edcg_trainer edcg_trainer;

edcg_trainer *edcg_trainer_new(edcg_model *model, const edcg_train_config *config,
                               edcg_error *err);
void edcg_trainer_free(edcg_trainer *trainer);

/* Learning-rate factor for a 0-based epoch of a phase of `total` epochs:
 * constant for the first half, then linear decay (CycleGAN's lambda rule). */
double edcg_lr_factor(int epoch, int total);
/* Sets the learning rate of the next steps for phase 1 (ED) or 2 (GAN). */
void edcg_trainer_set_epoch(edcg_trainer *trainer, int phase, int epoch);

/* Phase 1: one Adam step of the ED-Block on L1 recover loss (Eq. 1). */
edcg_status edcg_trainer_ed_step(edcg_trainer *trainer, const edcg_batch *batch,
                                 edcg_ed_losses *losses, edcg_error *err);

/* Phase 2: one generators' step (Eq. 2-6) then one discriminators' step
 * (fakes drawn through the image pool). a and b must have the same n, h, w. */
edcg_status edcg_trainer_gan_step(edcg_trainer *trainer, const edcg_batch *a,
                                  const edcg_batch *b, edcg_gan_losses *losses,
                                  edcg_error *err);

/* Checkpoints: weights, discriminators, Adam moments, step counts, pools,
 * RNG state and the caller's own key/value pairs (e.g. epoch, data RNG), in
 * one safetensors file written atomically. */
edcg_status edcg_trainer_save(const edcg_trainer *trainer, const char *path,
                              const char *const *extra_kv, size_t extra_pairs,
                              edcg_error *err);
/* Restores a checkpoint saved by edcg_trainer_save into this trainer (same
 * architecture). get_extra returns the caller's values (owned by trainer). */
edcg_status edcg_trainer_load(edcg_trainer *trainer, const char *path, edcg_error *err);
const char *edcg_trainer_get_extra(const edcg_trainer *trainer, const char *key);

/* ---- Runtime ----------------------------------------------------------- */

typedef struct edcg_runtime_info {
    const char *blas_library;  /* path or soname of the loaded BLAS */
    const char *blas_kernel;   /* OpenBLAS core name, e.g. "SkylakeX" */
    const char *cpu_features;  /* e.g. "avx512" "avx2" "sse" */
    int blas_threads;
    int cores;
} edcg_runtime_info;

/* Loads BLAS on first use. Debian's OpenBLAS 0.3.21 falls back to a slow
 * generic kernel on CPUs it does not know; the engine picks the right one by
 * setting OPENBLAS_CORETYPE from CPUID before loading it (unless the user set
 * it). Safe to call from several threads. */
edcg_status edcg_runtime_init(edcg_error *err);
edcg_status edcg_runtime_get_info(edcg_runtime_info *info, edcg_error *err);

const char *edcg_version(void);

#ifdef __cplusplus
}
#endif
#endif
