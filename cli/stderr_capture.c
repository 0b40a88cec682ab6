#include "stderr_capture.h"

#include <string.h>
#include <unistd.h>

void stderr_capture_begin(stderr_capture *c)
{
    c->saved_fd = -1;
    c->file = tmpfile();
    if (!c->file)
        return;
    fflush(stderr);
    c->saved_fd = dup(STDERR_FILENO);
    if (c->saved_fd < 0 || dup2(fileno(c->file), STDERR_FILENO) < 0) {
        if (c->saved_fd >= 0)
            close(c->saved_fd);
        c->saved_fd = -1;
        fclose(c->file);
        c->file = NULL;
    }
}

void stderr_capture_end(stderr_capture *c, void (*line)(const char *text, void *ctx), void *ctx)
{
    if (c->saved_fd < 0)
        return;
    fflush(stderr);
    dup2(c->saved_fd, STDERR_FILENO);
    close(c->saved_fd);
    c->saved_fd = -1;
    rewind(c->file);
    char text[1024];
    while (fgets(text, sizeof text, c->file)) {
        const size_t n = strcspn(text, "\n");
        const int whole = text[n] == '\n' || feof(c->file);
        text[n] = '\0';
        if (text[0])
            line(text, ctx);
        /* The rest of an over-long line is dropped. */
        for (int ch = 0; !whole && (ch = fgetc(c->file)) != EOF && ch != '\n';)
            ;
    }
    fclose(c->file);
    c->file = NULL;
}
