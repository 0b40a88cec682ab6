#include "loss_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "canvas.h"
#include "image_io.h"

#define WIDTH 960
#define PANEL_H 170
#define MARGIN 40
#define PLOT_W (WIDTH - 2 * MARGIN)

typedef struct panel {
    const char *title;
    int phase;
    int kinds[2]; /* -1: unused */
    int optional; /* drawn only when the run logged it */
} panel;

static const panel panels[] = {
    {"RECOVER L1 (PHASE 1, ED-BLOCK)", 1, {LOSS_RECOVER, -1}, 0},
    {"GENERATORS TOTAL, EQ. 6 (PHASE 2)", 2, {LOSS_G_TOTAL, -1}, 0},
    {"ADVERSARIAL: A2B RED, B2A BLUE", 2, {LOSS_G_ADV_A2B, LOSS_G_ADV_B2A}, 0},
    {"CYCLE L1: A RED, B BLUE", 2, {LOSS_CYC_A, LOSS_CYC_B}, 0},
    {"DISCRIMINATORS: A RED, B BLUE", 2, {LOSS_D_A, LOSS_D_B}, 0},
    {"IDENTITY L1: A2B RED, B2A BLUE", 2, {LOSS_IDT_A2B, LOSS_IDT_B2A}, 1},
};

static int logged(const loss_record *r, size_t n, int kind)
{
    for (size_t i = 0; i < n; i++)
        if (!isnan(r[i].loss[kind]))
            return 1;
    return 0;
}

static const colour red = {0.85f, 0.15f, 0.1f}, blue = {0.1f, 0.3f, 0.85f},
                    ink = {0.1f, 0.1f, 0.1f}, grid = {0.85f, 0.85f, 0.85f};

/* Means of one loss over PLOT_W columns of the phase's steps. */
static int bin_series(const loss_record *r, size_t n, int phase, int kind, double *bins)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += r[i].phase == phase && !isnan(r[i].loss[kind]);
    int used = total < PLOT_W ? (int)total : PLOT_W;
    int counts[PLOT_W] = {0};
    for (int b = 0; b < used; b++)
        bins[b] = 0.0;
    size_t k = 0;
    for (size_t i = 0; i < n && used; i++) {
        if (r[i].phase != phase || isnan(r[i].loss[kind]))
            continue;
        int b = (int)(k++ * (size_t)used / total);
        bins[b] += r[i].loss[kind];
        counts[b]++;
    }
    for (int b = 0; b < used; b++)
        bins[b] /= counts[b] ? counts[b] : 1;
    return used;
}

static void draw_panel(canvas *c, int top, const panel *p, const loss_record *r, size_t n)
{
    static double bins[2][PLOT_W];
    int used[2] = {0, 0};
    double top_value = 0.0;
    for (int s = 0; s < 2 && p->kinds[s] >= 0; s++) {
        used[s] = bin_series(r, n, p->phase, p->kinds[s], bins[s]);
        for (int b = 0; b < used[s]; b++)
            top_value = fmax(top_value, bins[s][b]);
    }
    const int y0 = top + 14, h = PANEL_H - 30;
    canvas_text(c, MARGIN, top, p->title, ink, 1);
    canvas_fill(c, MARGIN, y0, PLOT_W, h, (colour){0.97f, 0.97f, 0.97f});
    for (int g = 1; g < 4; g++)
        canvas_line(c, MARGIN, y0 + g * h / 4.0, MARGIN + PLOT_W - 1, y0 + g * h / 4.0, grid);
    char label[48];
    snprintf(label, sizeof label, "%.3g", top_value * 1.1);
    canvas_text(c, 2, y0, label, ink, 1);
    canvas_text(c, 2, y0 + h - 7, "0", ink, 1);
    if (!used[0]) {
        canvas_text(c, MARGIN + 8, y0 + h / 2, "NO STEPS YET", ink, 1);
        return;
    }
    double scale = top_value > 0 ? h / (top_value * 1.1) : 0.0;
    for (int s = 0; s < 2; s++)
        for (int b = 1; b < used[s]; b++) {
            double x0 = MARGIN + (b - 1) * (PLOT_W - 1.0) / (used[s] - 1);
            double x1 = MARGIN + b * (PLOT_W - 1.0) / (used[s] - 1);
            canvas_line(c, x0, y0 + h - bins[s][b - 1] * scale, x1, y0 + h - bins[s][b] * scale,
                        s ? blue : (p->kinds[1] >= 0 ? red : ink));
        }
}

int loss_plot_save(const char *path, const loss_record *r, size_t n, char *why, size_t why_size)
{
    const panel *shown[sizeof panels / sizeof *panels];
    int count = 0;
    for (size_t i = 0; i < sizeof panels / sizeof *panels; i++)
        if (!panels[i].optional || logged(r, n, panels[i].kinds[0]))
            shown[count++] = &panels[i];
    canvas c;
    if (canvas_new(&c, WIDTH, count * PANEL_H + 24, (colour){1, 1, 1})) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    char caption[96];
    snprintf(caption, sizeof caption, "EDCG TRAINING LOSSES, %zu STEPS (X: STEPS OF EACH PHASE)",
             n);
    canvas_text(&c, MARGIN, 6, caption, ink, 1);
    for (int i = 0; i < count; i++)
        draw_panel(&c, 24 + i * PANEL_H, shown[i], r, n);
    int rc = image_save_rgb(path, c.rgb, c.width, c.height, why, why_size);
    canvas_free(&c);
    return rc;
}
