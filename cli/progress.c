#include "progress.h"

#include <stdarg.h>
#include <time.h>
#include <unistd.h>

void progress_init(progress_line *p, FILE *out)
{
    p->out = out;
    p->tty = isatty(fileno(out));
    p->visible = 0;
}

void progress_show(progress_line *p, const char *fmt, ...)
{
    if (!p->tty)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputc('\r', p->out);
    vfprintf(p->out, fmt, ap);
    fputs("\033[K", p->out);
    fflush(p->out);
    va_end(ap);
    p->visible = 1;
}

void progress_clear(progress_line *p)
{
    if (p->tty && p->visible) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    p->visible = 0;
}

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

const char *format_duration(double s, char *out, size_t size)
{
    if (!(s >= 0.0))
        snprintf(out, size, "?");
    else if (s < 10.0)
        snprintf(out, size, "%.1fs", s);
    else if (s < 60.0)
        snprintf(out, size, "%.0fs", s);
    else if (s < 3600.0)
        snprintf(out, size, "%dm%02ds", (int)(s / 60), (int)s % 60);
    else if (s < 86400.0)
        snprintf(out, size, "%dh%02dm", (int)(s / 3600), (int)(s / 60) % 60);
    else
        snprintf(out, size, "%dd%02dh", (int)(s / 86400), (int)(s / 3600) % 24);
    return out;
}
