/*
 * tests/unit/capture.h -- a FILE * whose output the report tests read back
 * (open_memstream), and a search in it.
 */
#ifndef TEST_CAPTURE_H
#define TEST_CAPTURE_H

#include <stdbool.h>
#include <stdio.h>

struct cap {
    FILE *f;
    char *buf;   /* after cap_close: the output, NUL-terminated; free() it */
    size_t len;
};

void cap_open(struct cap *c);
void cap_close(struct cap *c);
/* True when the closed capture holds needle. */
bool cap_has(const struct cap *c, const char *needle);

#endif
