/* model_io.h: pieces of model file I/O shared by models and checkpoints (internal). */
#ifndef EDCG_MODEL_IO_H
#define EDCG_MODEL_IO_H

#include "model.h"
#include "safetensors.h"

/* Metadata pairs for st_write: the architecture keys (from m->arch, never
 * from user metadata), then the user's keys, with room for `extra_slots`
 * more pairs the caller appends at kv[2*pairs...]. */
typedef struct model_meta_kv {
    const char **kv;
    size_t pairs;
    char numbers[3][16];
} model_meta_kv;

edcg_status model_meta_kv_build(const edcg_model *m, const char *format, size_t extra_slots,
                                model_meta_kv *out, edcg_error *err);
void model_meta_kv_free(model_meta_kv *kv);

/* Tensors of the model in file order; `out` is malloc'ed, caller frees it
 * (the names and data stay owned by the model). */
edcg_status model_collect_tensors(const edcg_model *m, int include_disc, size_t extra_slots,
                                  st_write_tensor **out, size_t *count, edcg_error *err);

/* Reads format, version and architecture from a file's metadata. */
edcg_status model_arch_from_file(const st_file *f, const char *path, const char *format,
                                 edcg_arch *arch, int *has_disc, edcg_error *err);

/* Copies every param of m from f, checking shapes. Tensors of f whose name
 * starts with `other_prefix` (may be NULL) belong to someone else; any other
 * tensor m does not know is an error. */
edcg_status model_read_params(edcg_model *m, const st_file *f, const char *path,
                              const char *const *other_prefixes, edcg_error *err);

/* Copies the file's metadata into the model. */
edcg_status model_read_meta(edcg_model *m, const st_file *f, edcg_error *err);

#endif
