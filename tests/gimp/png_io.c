#include "png_io.h"

#include <stdio.h>

GeglBuffer *png_load(const char *path)
{
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        fprintf(stderr, "%s: no such file\n", path);
        return NULL;
    }
    GeglBuffer *buffer = NULL;
    GeglNode *graph = gegl_node_new();
    GeglNode *load = gegl_node_new_child(graph, "operation", "gegl:load", "path", path, NULL);
    GeglNode *sink = gegl_node_new_child(graph, "operation", "gegl:buffer-sink", "buffer",
                                         &buffer, NULL);
    gegl_node_link(load, sink);
    gegl_node_process(sink);
    g_object_unref(graph);
    if (!buffer || gegl_buffer_get_extent(buffer)->width < 1) {
        fprintf(stderr, "%s: cannot read\n", path);
        g_clear_object(&buffer);
    }
    return buffer;
}

int png_save(GeglBuffer *buffer, const char *path)
{
    GeglNode *graph = gegl_node_new();
    GeglNode *src = gegl_node_new_child(graph, "operation", "gegl:buffer-source", "buffer",
                                        buffer, NULL);
    GeglNode *save = gegl_node_new_child(graph, "operation", "gegl:png-save", "path", path,
                                         "bitdepth", 8, "compression", 1, NULL);
    gegl_node_link(src, save);
    gegl_node_process(save);
    g_object_unref(graph);
    return g_file_test(path, G_FILE_TEST_IS_REGULAR) ? 0 : 1;
}
