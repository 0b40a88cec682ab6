#include "test_model.h"

void test_model_spec_tiny(test_model_spec *spec)
{
    edcg_arch arch;
    edcg_arch_default(&arch);
    *spec = (test_model_spec){
        .ngf = 4,
        .blocks = 1,
        .variant = arch.variant,
        .domain_a = "apple",
        .domain_b = "orange",
        .train_size = "32",
    };
}

static bool set_meta_if(edcg_model *model, const char *key, const char *value, edcg_error *err)
{
    return !value || edcg_model_set_meta(model, key, value, err) == EDCG_OK;
}

bool test_model_write(const char *path, const test_model_spec *spec, edcg_error *err)
{
    edcg_arch arch;
    edcg_arch_default(&arch);
    arch.ngf = spec->ngf;
    arch.ndf = spec->ngf;
    arch.blocks = spec->blocks;
    arch.variant = spec->variant;
    edcg_model *model = edcg_model_new(&arch, 20260101, err);
    const edcg_save_options save = {EDCG_DTYPE_F32, 0};
    const bool ok = model && set_meta_if(model, "domain_a", spec->domain_a, err) &&
                    set_meta_if(model, "domain_b", spec->domain_b, err) &&
                    set_meta_if(model, "train_size", spec->train_size, err) &&
                    edcg_model_save(model, path, &save, err) == EDCG_OK;
    edcg_model_free(model);
    return ok;
}
