/*
 * common/cc.h -- what every module of citecheck shares: the result enum,
 * allocation that aborts in one place, a bounded growable buffer, and
 * calendar dates/periods.
 *
 * Nothing here prints or exits except cc_oom(), the single place where an
 * allocation failure ends the program.
 */
#ifndef CC_COMMON_H
#define CC_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define CC_VERSION "0.1.0"

/* One error enum for the whole program; the variable holding it is always
 * named `result`.  Details go into a caller-supplied buffer of CC_ERRLEN. */
typedef enum {
    CC_OK = 0,
    CC_ENOMEM,  /* allocation failed (normally unreachable: cc_oom aborts) */
    CC_EIO,     /* file could not be read or written */
    CC_ENET,    /* network failure (DNS, connect, TLS, timeout) */
    CC_EHTTP,   /* HTTP-level failure (status, protocol) */
    CC_EPARSE,  /* input could not be understood */
    CC_ELIMIT,  /* an explicit limit was hit (bytes, time, count, depth) */
    CC_EDB,     /* SQLite failure */
    CC_EUSAGE   /* bad command line or bad input file (exit code 2) */
} cc_result;

#define CC_ERRLEN 512

/* Human name of a result ("memory", "io", ...); static string. */
const char *cc_result_name(cc_result result);

/* snprintf into err (may be NULL); always NUL-terminates. */
void cc_errf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Allocation: these never return NULL; on failure they call cc_oom(),
 * which prints one line to stderr and aborts.  Free with free(). */
void cc_oom(void) __attribute__((noreturn));
void *cc_malloc(size_t n);
void *cc_calloc(size_t count, size_t size);
void *cc_realloc(void *p, size_t n);
/* Grow an array to hold at least `need` elements of `size` bytes;
 * *cap is updated.  Returns the (possibly moved) array. */
void *cc_grow(void *arr, size_t *cap, size_t need, size_t size);
char *cc_strdup(const char *s);              /* NULL in -> NULL out */
char *cc_strndup(const char *s, size_t n);   /* copies at most n bytes */
char *cc_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Bounded growable byte buffer (curl's dynbuf).  `max` is fixed at init;
 * appending past it returns CC_ELIMIT and leaves the buffer unchanged.
 * data is always NUL-terminated when non-NULL. */
struct cc_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};
void cc_buf_init(struct cc_buf *b, size_t max);
cc_result cc_buf_add(struct cc_buf *b, const void *p, size_t n);
/* cc_buf_add; when p[0..n) does not fit, the part that does, and
 * CC_ELIMIT (a capped reader keeping the first bytes). */
cc_result cc_buf_add_upto(struct cc_buf *b, const void *p, size_t n);
/* Room for n more bytes (and the NUL) at the end, for writing in place
 * before cc_buf_added(b, k), k <= n; NULL when len + n would pass max. */
char *cc_buf_room(struct cc_buf *b, size_t n);
void cc_buf_added(struct cc_buf *b, size_t n);
cc_result cc_buf_addstr(struct cc_buf *b, const char *s);
cc_result cc_buf_addc(struct cc_buf *b, char c);
cc_result cc_buf_printf(struct cc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cc_buf_reset(struct cc_buf *b);        /* len = 0, keeps memory */
/* Hand the data to the caller (caller frees with free()); buffer is reset
 * to empty.  Returns "" (allocated) when the buffer never held data. */
char *cc_buf_take(struct cc_buf *b);
void cc_buf_free(struct cc_buf *b);

/* Read a whole file into memory, at most max bytes.  *out is
 * NUL-terminated; caller frees.  CC_EIO/CC_ELIMIT with a message that
 * names the path. */
cc_result cc_read_file(const char *path, size_t max, char **out, size_t *len,
                       char *err, size_t errlen);

/* ---- calendar ------------------------------------------------------- */

/* A proleptic Gregorian day.  y == 0 means "no date". */
struct cc_date {
    int y, m, d;
};
/* A closed interval of days.  start.y == 0 means "no period". */
struct cc_period {
    struct cc_date start, end;
};

bool cc_date_valid(struct cc_date d);        /* 1..9999, real day */
bool cc_date_set(struct cc_date d);          /* d.y != 0 */
int cc_days_in_month(int y, int m);
long cc_date_days(struct cc_date d);         /* days since 1970-01-01 */
struct cc_date cc_date_from_days(long days);
int cc_date_cmp(struct cc_date a, struct cc_date b);  /* <0, 0, >0 */
/* "YYYY-MM-DD" into buf (>= 11 bytes); "" for an unset date. */
void cc_date_fmt(struct cc_date d, char *buf, size_t n);
/* Parse "YYYY-MM-DD" (also accepts "YYYY-MM-DDT..." and ignores the rest).
 * Returns false when s does not start with a valid date. */
bool cc_date_parse_iso(const char *s, struct cc_date *out);
/* The value of the n ASCII digits at s, or -1 if one is not a digit. */
int cc_digits(const char *s, int n);
/* Today's date in UTC. */
struct cc_date cc_date_today(void);

/* Periods: whole year, whole month, months m1..m2 of year y. */
struct cc_period cc_period_year(int y);
struct cc_period cc_period_months(int y, int m1, int m2);
bool cc_period_set(struct cc_period p);
bool cc_period_equal(struct cc_period a, struct cc_period b);
bool cc_period_contains(struct cc_period outer, struct cc_period inner);
bool cc_period_overlaps(struct cc_period a, struct cc_period b);
/* Human text: "2024", "January–November 2024", "March 2025",
 * "2024-03-15", or "2023-01-01–2024-06-30".  buf >= 64 bytes. */
void cc_period_fmt(struct cc_period p, char *buf, size_t n);

#endif
