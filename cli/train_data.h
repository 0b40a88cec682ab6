/* train_data.h: a folder of training images, decoded once and kept in
 * memory at CycleGAN's load size (square, size * 286 / 256 a side, 8 bits
 * per channel), and the random crops and flips that make a batch. */
#ifndef EDCG_CLI_TRAIN_DATA_H
#define EDCG_CLI_TRAIN_DATA_H

#include <stddef.h>

#include "data_rng.h"

typedef struct train_set {
    int count; /* images */
    int side;  /* load size: each image is side x side RGB */
    unsigned char *pixels;
} train_set;

/* CycleGAN's resize target for a crop size: 256 -> 286. */
int train_load_side(int crop_size);

/* Decodes every image file of `dir` (warning once per file that is not an
 * image). Returns 0, or -1 after printing an error (missing folder, no
 * usable image, out of memory). `label` names the set in messages. */
int train_set_load(train_set *set, const char *dir, int side, const char *label);
void train_set_free(train_set *set);

/* One augmented sample, as CycleGAN's resize_and_crop + flip: a random
 * size x size crop of image i, mirrored with probability 1/2, written
 * planar (3 x size x size) in [-1, 1]. Draws from rng in a fixed order. */
void train_set_sample(const train_set *set, int i, int size, data_rng *rng, float *planar);

/* The centre crop of image i as interleaved RGB in [0, 1] (for samples). */
void train_set_center_crop(const train_set *set, int i, int size, float *rgb);

#endif
