/*
 * tests/unit/capture.c -- see capture.h.
 */
#include "tests/unit/capture.h"

#include <check.h>
#include <string.h>

void cap_open(struct cap *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    ck_assert_ptr_nonnull(c->f);
}

void cap_close(struct cap *c)
{
    ck_assert_int_eq(fclose(c->f), 0);
    c->f = NULL;
}

bool cap_has(const struct cap *c, const char *needle)
{
    return memmem(c->buf, c->len, needle, strlen(needle)) != NULL;
}
