/*
 * verify/names.h -- person names in a claim, and whether a source names
 * them, tolerant of transliteration ("Smaiylov" / "Smailov" / "Смаилов").
 */
#ifndef CC_VERIFY_NAMES_H
#define CC_VERIFY_NAMES_H

#include "common/cc.h"

#define NAMES_MAX 8

struct person_name {
    char *text;     /* as written, case suffix kept: "Alihan Smaiylovning" */
    char *surname;  /* phonetic key of the surname: "smailov" */
};

/* Find person names in a sentence: two or three capitalised words whose
 * last one ends like a surname (-ov, -ev, -ova, -in, -uly, ...; Uzbek and
 * Russian case endings stripped), or that follow a title word ("vaziri",
 * "minister", "президент").  At most NAMES_MAX; returns the count.
 * Caller frees each with names_clear(). */
size_t names_find(const char *text, size_t len, struct person_name *out);

void names_clear(struct person_name *names, size_t n);

/* Phonetic key of one word: Cyrillic transliterated, lowercased,
 * apostrophes dropped, y between vowels dropped, kh->h, common case
 * endings stripped.  Caller frees. */
char *names_key(const char *word, size_t len);

/* True when text contains a word whose key starts with surname_key (so
 * Russian/Uzbek case endings on the page still match). */
bool names_in_text(const char *text, size_t len, const char *surname_key);

#endif
