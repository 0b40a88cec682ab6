/* cmd_list.c: `edcg list`: the installed models on the search path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "commands.h"
#include "diag.h"
#include "edcg.h"

static const char usage[] =
    "Usage: edcg list\n"
    "List the installed models (name, domains, file) found on the model search path:\n"
    "$EDCG_MODEL_PATH (':'-separated), the user's folder (where 'edcg train' puts new\n"
    "pairs), then the system folder. A name from this list works as 'edcg apply -m NAME'.\n";

static void print_search_path(void)
{
    char *dirs[32];
    size_t n = edcg_model_search_dirs(dirs, sizeof dirs / sizeof *dirs);
    printf("searched:");
    for (size_t i = 0; i < n; i++) {
        printf("%s %s", i ? "," : "", dirs[i]);
        free(dirs[i]);
    }
    printf("\n");
}

int cmd_list(int argc, char **argv)
{
    const arg_spec specs[] = {{NULL, 0, ARG_FLAG, NULL, 0, 0}};
    int rc = command_parse("list", usage, specs, argc, argv, NULL);
    if (rc != COMMAND_CONTINUE)
        return rc;
    edcg_model_entry *entries = NULL;
    size_t count = edcg_model_list(&entries);
    if (count == 0)
        printf("no installed models\n");
    size_t width = 4;
    for (size_t i = 0; i < count; i++)
        width = strlen(entries[i].name) > width ? strlen(entries[i].name) : width;
    for (size_t i = 0; i < count; i++) {
        char domains[256];
        snprintf(domains, sizeof domains, "%s <-> %s", entries[i].domain_a, entries[i].domain_b);
        printf("%-*s  %-24s  %s\n", (int)width, entries[i].name, domains, entries[i].path);
    }
    edcg_model_list_free(entries, count);
    if (count == 0)
        print_search_path();
    return 0;
}
