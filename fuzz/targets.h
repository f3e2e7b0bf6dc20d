/*
 * fuzz/targets.h -- one entry point per parser that reads untrusted input.
 * Each takes any bytes, must never crash, hang or leak, and returns 0.
 * fuzz/libfuzzer.c wraps one of them as LLVMFuzzerTestOneInput (make fuzz);
 * tests/unit/test_fuzz.c replays the corpora and past crashes in make test.
 */
#ifndef CC_FUZZ_TARGETS_H
#define CC_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

int fuzz_document(const uint8_t *data, size_t len);  /* article text */
int fuzz_page(const uint8_t *data, size_t len);      /* HTML page */
int fuzz_extract(const uint8_t *data, size_t len);   /* figures and dates */
int fuzz_url(const uint8_t *data, size_t len);       /* URL checks */
int fuzz_argv(const uint8_t *data, size_t len);      /* options, NUL-split */
int fuzz_robots(const uint8_t *data, size_t len);    /* robots.txt */
int fuzz_archive(const uint8_t *data, size_t len);   /* archive answers */
int fuzz_warc(const uint8_t *data, size_t len);      /* --replay files */
int fuzz_decode(const uint8_t *data, size_t len);    /* encoded bodies */

struct fuzz_target {
    const char *name;   /* corpus folder under fuzz/corpus/ */
    int (*fn)(const uint8_t *data, size_t len);
};
extern const struct fuzz_target fuzz_targets[];
extern const size_t fuzz_ntargets;

#endif
